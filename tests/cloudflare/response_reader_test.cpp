// ResponseReader: the client's HTTP response parser, fed the way the event loop feeds it
// (pieces as they arrive): status, body and Retry-After, both framings, the size limit.

#include "cloudflare/response_reader.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aigw::cloudflare {
namespace {

namespace http = boost::beast::http;

/// Feeds the pieces in turn, as a socket would deliver them; returns the parser's error.
boost::beast::error_code feed(ResponseReader& reader, const std::vector<std::string>& pieces) {
  std::string pending;
  boost::beast::error_code ec;
  for (const auto& piece : pieces) {
    pending += piece;
    for (;;) {
      const auto used = reader.put(boost::asio::buffer(pending), ec);
      pending.erase(0, used);
      if (ec == http::error::need_more) {
        ec = {};
        break;
      }
      if (ec || reader.is_done() || used == 0) {
        break;
      }
    }
    if (ec || reader.is_done()) {
      break;
    }
  }
  return ec;
}

TEST(ResponseReader, AContentLengthResponseInPieces) {
  ResponseReader reader(1024);
  const auto ec = feed(reader, {"HTTP/1.1 429 Too Many Requests\r\nContent-Ty", "pe: application/json\r\n",
                                "Retry-After: 7\r\nX-Other: a\r\nContent-Length: 17\r\n\r\n{\"succ",
                                "ess\":false}"});
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(reader.is_done());
  EXPECT_TRUE(reader.keep_alive());
  const auto response = reader.release();
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.retry_after, "7");
  EXPECT_EQ(response.body, R"({"success":false})");
}

TEST(ResponseReader, TheFirstRetryAfterCounts) {
  ResponseReader reader(1024);
  ASSERT_FALSE(feed(reader, {"HTTP/1.1 503 Busy\r\nRetry-After: 3\r\nRetry-After: 90\r\n"
                             "Content-Length: 0\r\n\r\n"}));
  ASSERT_TRUE(reader.is_done());
  EXPECT_EQ(reader.release().retry_after, "3");
}

TEST(ResponseReader, AChunkedResponseIsAssembled) {
  ResponseReader reader(1024);
  const auto ec = feed(reader, {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                                "5\r\n{\"a\":\r\n", "2\r\n1}\r\n0\r\n\r\n"});
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(reader.is_done());
  const auto response = reader.release();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"a":1})");
  EXPECT_EQ(response.retry_after, "");
}

TEST(ResponseReader, ConnectionCloseIsNotKeptAlive) {
  ResponseReader reader(1024);
  ASSERT_FALSE(feed(reader, {"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"}));
  ASSERT_TRUE(reader.is_done());
  EXPECT_FALSE(reader.keep_alive());
  EXPECT_EQ(reader.release().status, 204);
}

TEST(ResponseReader, ABodyOverTheLimitIsRefusedWhateverItsFraming) {
  ResponseReader declared(10);
  EXPECT_EQ(feed(declared, {"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n"}),
            http::error::body_limit);
  ResponseReader chunked(10);
  EXPECT_EQ(feed(chunked, {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                           "6\r\n123456\r\n", "6\r\n789012\r\n0\r\n\r\n"}),
            http::error::body_limit);
}

TEST(ResponseReader, AResponseWithoutALengthEndsAtEndOfStream) {
  ResponseReader reader(1024);
  ASSERT_FALSE(feed(reader, {"HTTP/1.1 200 OK\r\n\r\n{\"result\":", "1}"}));
  EXPECT_FALSE(reader.is_done());
  boost::beast::error_code ec;
  reader.put_eof(ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(reader.is_done());
  EXPECT_FALSE(reader.keep_alive());
  EXPECT_EQ(reader.release().body, R"({"result":1})");
}

} // namespace
} // namespace aigw::cloudflare
