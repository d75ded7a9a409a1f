// HttpSession::exchange_many reads each answer as its bytes arrive: an answer that comes
// in pieces (split across TCP segments, or after TLS 1.3 session tickets) never holds up
// the answers of the other connections, and arrives whole.

#include "cloudflare/http_session.h"
#include "cloudflare/test_client.h"
#include "cloudflare/test_http_server.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace aigw::cloudflare {
namespace {

using test::TestHttpServer;
using test::TestReply;
using test::TestRequest;

/// Sends a fixed list of GETs and records each answer with the time it was handed over.
class ListSource final : public ExchangeSource {
public:
  struct Answer {
    std::uint64_t tag;
    double seconds;
    std::string body; ///< or "error: ..."
  };

  explicit ListSource(const std::vector<std::string>& targets) {
    for (const auto& target : targets) {
      m_requests.push_back(HttpRequest{"GET", target, {}, {}});
    }
  }
  bool has_ready(Clock::time_point&) override { return m_next < m_requests.size(); }
  const HttpRequest& next(std::uint64_t& tag) override {
    tag = m_next;
    return m_requests[m_next++];
  }
  void answered(std::uint64_t tag, Result<HttpResponse, TransportError> outcome) override {
    std::this_thread::sleep_for(m_pause); // the time a completion takes on the loop's thread
    m_answers.push_back({tag, test::seconds_since(m_start),
                         outcome.ok() ? outcome->body : "error: " + outcome.error().message});
  }
  [[nodiscard]] bool drained() const override { return m_next == m_requests.size(); }

  /// Each answer takes this long to handle.
  void pause_per_answer(std::chrono::milliseconds pause) { m_pause = pause; }
  [[nodiscard]] const std::vector<Answer>& answers() const { return m_answers; }
  [[nodiscard]] const Answer& answer_of(std::uint64_t tag) const {
    for (const auto& a : m_answers) {
      if (a.tag == tag) {
        return a;
      }
    }
    throw std::runtime_error("no answer for request " + std::to_string(tag));
  }

private:
  std::vector<HttpRequest> m_requests;
  std::size_t m_next = 0;
  std::vector<Answer> m_answers;
  std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
  std::chrono::milliseconds m_pause{0};
};

/// A body long enough to be split in two, and the whole of it to check.
std::string slow_body() { return R"({"result":")" + std::string(4000, 's') + R"(","success":true})"; }

/// "/slow" answers after `slow`, "/fast" 150 ms after it was asked.
TestHttpServer::Handler handler(TestReply slow) {
  return [slow](const TestRequest& request) {
    if (request.target == "/slow") {
      return slow;
    }
    TestReply fast;
    fast.body = R"({"result":"fast","success":true})";
    fast.delay_ms = 150;
    return fast;
  };
}

/// One slow request and three fast ones over two connections: the fast ones take the
/// second connection in turn while the first waits for the rest of its answer.
void expect_fast_answers_not_held_up(const HttpSessionOptions& options) {
  auto session = HttpSession::create(options);
  ASSERT_TRUE(session.ok()) << session.error().message;
  ListSource source({"/slow", "/fast", "/fast", "/fast"});
  (*session)->exchange_many(source);

  ASSERT_EQ(source.answers().size(), 4u);
  const auto& slow = source.answer_of(0);
  EXPECT_EQ(slow.body, slow_body()) << "the answer read in pieces arrives whole";
  EXPECT_GE(slow.seconds, 0.75);
  for (std::uint64_t tag = 1; tag <= 3; ++tag) {
    const auto& fast = source.answer_of(tag);
    EXPECT_EQ(fast.body, R"({"result":"fast","success":true})");
    EXPECT_LT(fast.seconds, slow.seconds) << "fast answer " << tag << " waited for the slow one";
  }
  EXPECT_LT(source.answer_of(3).seconds, 0.7);
  EXPECT_EQ((*session)->connections_opened(), 2u);
}

HttpSessionOptions options_for(const TestHttpServer& server) {
  HttpSessionOptions options;
  options.host = "127.0.0.1";
  options.port = server.port();
  options.tls = false;
  options.max_connections = 2;
  options.read_timeout = std::chrono::milliseconds(5000);
  options.user_agent = "aigw-test";
  return options;
}

TEST(ExchangeMany, AnAnswerSplitAcrossSegmentsDoesNotHoldUpTheOthers) {
  TestReply slow;
  slow.body = slow_body();
  slow.split_delay_ms = 800; // the header and half the body now, the rest 0.8 s later
  TestHttpServer server(handler(slow));
  expect_fast_answers_not_held_up(options_for(server));
}

TEST(ExchangeMany, AChunkedAnswerArrivingInPiecesDoesNotHoldUpTheOthers) {
  // The real API often frames its answers with Transfer-Encoding: chunked.
  TestReply slow;
  slow.body = slow_body();
  slow.chunked = true;
  slow.split_delay_ms = 800; // the first chunk now, the second and the end 0.8 s later
  TestHttpServer server(handler(slow));
  expect_fast_answers_not_held_up(options_for(server));
}

TEST(ExchangeMany, AChunkedAnswerIsReadWholeBySend) {
  TestReply chunked;
  chunked.body = slow_body();
  chunked.chunked = true;
  chunked.split_delay_ms = 100;
  chunked.headers = {{"Retry-After", "4"}};
  TestHttpServer server([&](const TestRequest&) { return chunked; });
  auto session = HttpSession::create(options_for(server));
  ASSERT_TRUE(session.ok());
  for (int i = 0; i < 2; ++i) { // the connection is reused after a chunked answer
    auto answer = (*session)->send(HttpRequest{"GET", "/chunked", {}, {}});
    ASSERT_TRUE(answer.ok()) << answer.error().message;
    EXPECT_EQ(answer->body, slow_body());
    EXPECT_EQ(answer->retry_after, "4");
  }
  EXPECT_EQ((*session)->connections_opened(), 1u);
}

TEST(ExchangeMany, TlsSessionTicketsBeforeAnAnswerDoNotHoldUpTheOthers) {
  // A TLS 1.3 server sends its session tickets right after the handshake: the connection
  // is readable long before its answer.
  test::TempDir dir;
  const auto cert = test::make_test_certificate(dir.path(), "localhost", "IP:127.0.0.1");
  TestReply slow;
  slow.body = slow_body();
  slow.delay_ms = 800;
  TestHttpServer server(handler(slow), cert.cert_file, cert.key_file);
  auto options = options_for(server);
  options.tls = true;
  options.ca_file = cert.cert_file;
  expect_fast_answers_not_held_up(options);
}

TEST(ExchangeMany, AnAnswerPastTheReadTimeoutFailsAloneAndTheConnectionIsNotReused) {
  TestReply slow;
  slow.body = slow_body();
  slow.split_delay_ms = 1500; // half an answer, then silence past the timeout
  TestHttpServer server(handler(slow));
  auto options = options_for(server);
  options.read_timeout = std::chrono::milliseconds(600);
  auto session = HttpSession::create(options);
  ASSERT_TRUE(session.ok());
  ListSource source({"/slow", "/fast", "/fast"});
  (*session)->exchange_many(source);
  ASSERT_EQ(source.answers().size(), 3u);
  EXPECT_EQ(source.answer_of(0).body, "error: read response timed out");
  EXPECT_EQ(source.answer_of(1).body, R"({"result":"fast","success":true})");
  EXPECT_EQ(source.answer_of(2).body, R"({"result":"fast","success":true})");

  // The half-read connection was closed, not pooled: two more requests at once need a
  // new connection beside the one that answered, and both get their own answers.
  EXPECT_EQ((*session)->connections_opened(), 2u);
  ListSource again({"/fast", "/fast"});
  (*session)->exchange_many(again);
  ASSERT_EQ(again.answers().size(), 2u);
  for (const auto& answer : again.answers()) {
    EXPECT_EQ(answer.body, R"({"result":"fast","success":true})");
  }
  EXPECT_EQ((*session)->connections_opened(), 3u);
}

TEST(ExchangeMany, AConnectionTheServerClosedAfterAnAnswerIsNotReused) {
  // The server answers with keep-alive and then closes the connection (an idle timeout,
  // a cap on requests per connection). The next request must go on a new connection,
  // not into the closed one.
  TestHttpServer server([](const TestRequest&) {
    TestReply reply;
    reply.body = R"({"result":"fast","success":true})";
    reply.close_after = true;
    return reply;
  });
  auto options = options_for(server);
  options.max_connections = 1;
  auto session = HttpSession::create(options);
  ASSERT_TRUE(session.ok());
  ListSource source({"/a", "/b", "/c"});
  source.pause_per_answer(std::chrono::milliseconds(50)); // the close has arrived by then
  (*session)->exchange_many(source);
  ASSERT_EQ(source.answers().size(), 3u);
  for (const auto& answer : source.answers()) {
    EXPECT_EQ(answer.body, R"({"result":"fast","success":true})") << "request " << answer.tag;
  }
  EXPECT_EQ((*session)->connections_opened(), 3u);
  EXPECT_EQ(server.requests(), 3);
}

TEST(ExchangeMany, APooledTlsConnectionIsReusedAfterItsSessionTickets) {
  // TLS 1.3 session tickets arrive after the handshake; once the first answer has been
  // read past them, the idle connection is not mistaken for one the server closed.
  test::TempDir dir;
  const auto cert = test::make_test_certificate(dir.path(), "localhost", "IP:127.0.0.1");
  TestHttpServer server(handler({}), cert.cert_file, cert.key_file);
  auto options = options_for(server);
  options.tls = true;
  options.ca_file = cert.cert_file;
  options.max_connections = 1;
  auto session = HttpSession::create(options);
  ASSERT_TRUE(session.ok());
  for (int i = 0; i < 3; ++i) {
    auto answer = (*session)->send(HttpRequest{"GET", "/fast", {}, {}});
    ASSERT_TRUE(answer.ok()) << answer.error().message;
    ListSource source({"/fast"});
    (*session)->exchange_many(source);
    ASSERT_EQ(source.answers().size(), 1u);
    EXPECT_EQ(source.answers()[0].body, R"({"result":"fast","success":true})");
  }
  EXPECT_EQ((*session)->connections_opened(), 1u);
}

} // namespace
} // namespace aigw::cloudflare
