#include "cloudflare/envelope.h"
#include "cloudflare/json_codec.h"
#include "cloudflare/paging.h"
#include "cloudflare/resource_codec.h"
#include "util/secret.h"

#include <gtest/gtest.h>

#include <random>

namespace aigw::cloudflare {
namespace {

using Kind = engine::ApiError::Kind;
const RequestInfo k_list{"GET", "/accounts/acc/ai-gateway/gateways"};

TEST(Envelope, ReturnsTheBodyOfASuccessfulResponse) {
  auto body = decode_envelope(k_list, 200, R"({"result":[{"id":"a"}],"success":true})");
  ASSERT_TRUE(body.ok());
  auto result = envelope_member(k_list, *body, "result");
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->is_array());
}

TEST(Envelope, DataAndRouteEnvelopesAreMembersToo) {
  auto data = decode_envelope(k_list, 200, R"({"data":{"routes":[]},"success":true})");
  ASSERT_TRUE(data.ok());
  EXPECT_TRUE(envelope_member(k_list, *data, "data").ok());
  auto patched = decode_envelope(k_list, 200, R"({"route":{"id":"r"},"success":true})");
  ASSERT_TRUE(patched.ok());
  EXPECT_TRUE(envelope_member(k_list, *patched, "route").ok());
  auto missing = envelope_member(k_list, *patched, "result");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Kind::decode);
  EXPECT_EQ(missing.error().to_string(),
            "GET /accounts/acc/ai-gateway/gateways: unexpected response: response has no 'result'");
}

TEST(Envelope, ErrorsCarryStatusMethodPathCodesAndMessages) {
  auto error = decode_envelope(
      {"POST", "/accounts/acc/ai-gateway/gateways"}, 400,
      R"({"success":false,"errors":[{"code":7001,"message":"id is invalid"},{"code":7002,"message":"two"}],"messages":[],"result":null})");
  ASSERT_FALSE(error.ok());
  const auto& e = error.error();
  EXPECT_EQ(e.kind, Kind::http);
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.method, "POST");
  ASSERT_EQ(e.errors.size(), 2u);
  EXPECT_EQ(e.errors[0].code, 7001);
  EXPECT_EQ(e.to_string(), "POST /accounts/acc/ai-gateway/gateways: HTTP 400: [7001] id is invalid: "
                           "[7002] two");
}

TEST(Envelope, SuccessFalseWithStatus200IsAnError) {
  auto error = decode_envelope(k_list, 200, R"({"success":false,"errors":[{"code":1,"message":"no"}]})");
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.error().kind, Kind::http);
  EXPECT_EQ(error.error().errors.size(), 1u);
}

TEST(Envelope, AnEmptySuccessBodyHasNoMembers) {
  auto body = decode_envelope(k_list, 204, "");
  ASSERT_TRUE(body.ok());
  EXPECT_FALSE(envelope_member(k_list, *body, "result").ok());
}

TEST(Envelope, NotFoundHasItsOwnKind) {
  auto error = decode_envelope(k_list, 404, R"({"success":false,"errors":[{"code":7002,"message":"not found"}]})");
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.error().kind, Kind::not_found);
}

TEST(Envelope, NonJsonBodiesAreClearErrors) {
  auto gateway = decode_envelope(k_list, 502, "<html>Bad Gateway</html>");
  ASSERT_FALSE(gateway.ok());
  EXPECT_EQ(gateway.error().status, 502);
  EXPECT_NE(gateway.error().message.find("Bad Gateway"), std::string::npos);

  auto malformed = decode_envelope(k_list, 200, "{\"result\":");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().kind, Kind::decode);
  EXPECT_NE(malformed.error().to_string().find("GET /accounts/acc/ai-gateway/gateways"),
            std::string::npos);

  auto not_object = decode_envelope(k_list, 200, "[1,2]");
  ASSERT_FALSE(not_object.ok());
  EXPECT_EQ(not_object.error().kind, Kind::decode);
}

TEST(Envelope, ASuccessThatIsNotJsonShowsHowItBegins) {
  // A web page answering 200 (a wrong base URL, a captive proxy): say what came, redacted
  // and cut, not only that it is not JSON.
  const Secret canary("canary-page-secret-4242");
  const std::string page =
      "<!DOCTYPE html>\n<html><head><title>Sign in canary-page-secret-4242</title></head>" +
      std::string(500, 'x');
  auto decoded = decode_envelope(k_list, 200, page);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().kind, Kind::decode);
  const auto text = decoded.error().to_string();
  EXPECT_NE(text.find("malformed JSON"), std::string::npos) << text;
  EXPECT_NE(text.find("the body begins: <!DOCTYPE html>\\x0a<html><head><title>Sign in (sensitive)"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("canary-page-secret-4242"), std::string::npos) << text;
  EXPECT_LT(text.size(), 400U) << text;
}

TEST(Envelope, ErrorMessagesAreRedacted) {
  const Secret canary("canary-envelope-secret-123");
  auto error = decode_envelope(k_list, 400,
                               R"({"success":false,"errors":[{"code":1,"message":"bad key canary-envelope-secret-123"}]})");
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.error().to_string().find("canary-envelope-secret-123"), std::string::npos);
  EXPECT_NE(error.error().to_string().find("(sensitive)"), std::string::npos);
}

model::Value body_of(const std::string& text) {
  auto parsed = parse_json(text);
  EXPECT_TRUE(parsed.ok());
  return parsed.ok() ? parsed.value() : model::Value();
}

TEST(Paging, UsesResultInfoTotalCount) {
  auto first = read_page(body_of(R"({"result":[1,2],"result_info":{"page":1,"per_page":2,"total_count":5}})"),
                         "", 1, 2);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->more);
  auto last = read_page(body_of(R"({"result":[5],"result_info":{"page":3,"per_page":2,"total_count":5}})"),
                        "", 3, 2);
  ASSERT_TRUE(last.ok());
  EXPECT_FALSE(last->more);
}

TEST(Paging, UsesHasMoreAndTotalPages) {
  EXPECT_TRUE(read_page(body_of(R"({"result":[1],"result_info":{"has_more":true}})"), "", 1, 100)->more);
  EXPECT_FALSE(read_page(body_of(R"({"result":[1],"result_info":{"has_more":false}})"), "", 1, 1)->more);
  EXPECT_TRUE(read_page(body_of(R"({"result":[1],"result_info":{"total_pages":2}})"), "", 1, 100)->more);
  EXPECT_FALSE(read_page(body_of(R"({"result":[1],"result_info":{"total_pages":2}})"), "", 2, 1)->more);
  // The reported total lets the remaining pages be fetched together.
  EXPECT_EQ(read_page(body_of(R"({"result":[1],"result_info":{"total_pages":2}})"), "", 1, 100)->total_pages, 2);
  EXPECT_EQ(read_page(body_of(R"({"result":[1],"result_info":{"total_count":250,"per_page":100}})"), "", 1, 100)->total_pages, 3);
  EXPECT_EQ(read_page(body_of(R"({"result":[1],"result_info":{"total_count":1e12}})"), "", 1, 100)->total_pages, 0);
  EXPECT_EQ(read_page(body_of(R"({"result":[1]})"), "", 1, 100)->total_pages, 0);
}

TEST(Paging, WithoutResultInfoStopsOnAShortOrEmptyPage) {
  EXPECT_TRUE(read_page(body_of(R"({"result":[1,2]})"), "", 1, 2)->more);
  EXPECT_FALSE(read_page(body_of(R"({"result":[1]})"), "", 1, 2)->more);
  EXPECT_FALSE(read_page(body_of(R"({"result":[]})"), "", 1, 2)->more);
}

TEST(Paging, ReadsDynamicRoutingDataEnvelopes) {
  auto page = read_page(body_of(R"({"data":{"page":1,"per_page":2,"routes":[{"id":"a"},{"id":"b"}]}})"),
                        "routes", 1, 100);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 2u);
  EXPECT_TRUE(page->more); // the server's own per_page (2) was filled
  EXPECT_FALSE(read_page(body_of(R"({"data":{"versions":[]}})"), "versions", 1, 100)->more);
  EXPECT_FALSE(read_page(body_of(R"({"data":{"routes":{}}})"), "routes", 1, 100).ok());
  EXPECT_FALSE(read_page(body_of(R"({"result":{}})"), "", 1, 100).ok());
}

TEST(Envelope, MangledBodiesNeverCrash) {
  const std::string valid =
      R"({"result":[{"id":"gw","cache_ttl":300,"guardrails":{"prompt":{"S1":"BLOCK"}},)"
      R"("otel":[{"url":"https://x"}]}],"result_info":{"page":1,"per_page":100,"total_count":1},)"
      R"("success":true,"errors":[],"messages":[]})";
  std::mt19937_64 rng(20261121);
  std::uniform_int_distribution<int> byte(0, 255);
  int decoded = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string body = valid;
    const int edits = 1 + round % 4;
    for (int e = 0; e < edits && !body.empty(); ++e) {
      const auto at = std::uniform_int_distribution<std::size_t>(0, body.size() - 1)(rng);
      switch (byte(rng) % 3) {
      case 0: body[at] = static_cast<char>(byte(rng)); break;
      case 1: body.erase(at, 1); break;
      default: body.resize(at); break;
      }
    }
    auto parsed = decode_envelope(k_list, 200, body);
    if (!parsed) {
      EXPECT_FALSE(parsed.error().to_string().empty());
      continue;
    }
    auto page = read_page(*parsed, "", 1, 100);
    if (!page) {
      continue;
    }
    for (const auto& item : page->items) {
      decoded += gateway_from_value(item).ok() ? 1 : 0;
    }
  }
  EXPECT_GT(decoded, 0); // some mutations stay valid, so the decoding path really ran
}

} // namespace
} // namespace aigw::cloudflare
