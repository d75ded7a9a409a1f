// The client against a hostile or broken server: ids that would address something else,
// control characters and floods in error messages, echoed credentials, numbers a double
// cannot hold, and path segments that need encoding.

#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/test_http_server.h"
#include "cloudflare/test_options.h"
#include "util/secret.h"

#include <gtest/gtest.h>

namespace aigw::cloudflare {
namespace {

using test::TestHttpServer;
using test::TestReply;
using test::TestRequest;
using Kind = engine::ApiError::Kind;

std::unique_ptr<CloudflareGatewayApi> client_for(const TestHttpServer& server) {
  auto options = test::test_client_options("http://127.0.0.1:" + std::to_string(server.port()) +
                                           "/client/v4");
  options.max_attempts = 1;
  auto transport = ApiTransport::create(options);
  EXPECT_TRUE(transport.ok());
  return std::make_unique<CloudflareGatewayApi>(std::move(transport).value(), options.account_id);
}

TestReply list_of(const std::string& items) {
  return TestReply{.body = R"({"success":true,"result_info":{"has_more":false},"result":[)" +
                           items + "]}"};
}

TEST(HostileServer, UnusableIdsFromTheApiAreDecodeErrorsNotRequests) {
  for (const std::string item :
       {R"({"id":""})", R"({"id":"."})", R"({"id":".."})", R"({"id":"gw\u0000x"})",
        R"({"id":"gw\u001b[2J"})"}) {
    TestHttpServer server([&](const TestRequest&) { return list_of(item); });
    auto api = client_for(server);
    auto gateways = api->list_gateways();
    ASSERT_FALSE(gateways.ok()) << item;
    EXPECT_EQ(gateways.error().kind, Kind::decode) << item;
    const std::string text = gateways.error().to_string();
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_EQ(text.find('\0'), std::string::npos) << text;
  }
  {
    TestHttpServer server([&](const TestRequest&) {
      return list_of(R"({"id":"..","name":"d","enable":true,"filters":[]})");
    });
    auto datasets = client_for(server)->list_datasets("gw");
    ASSERT_FALSE(datasets.ok());
    EXPECT_EQ(datasets.error().kind, Kind::decode);
  }
  TestHttpServer routes([](const TestRequest&) {
    return TestReply{.body = R"({"data":{"routes":[{"id":"..","name":"r","elements":[]}]}})"};
  });
  auto listed = client_for(routes)->list_routes("gw");
  ASSERT_FALSE(listed.ok());
  EXPECT_NE(listed.error().message.find("not a usable id"), std::string::npos)
      << listed.error().to_string();
}

TEST(HostileServer, ANameWithAControlCharacterIsReadEscapedAndDoesNotStopTheRead) {
  // Someone made these in the dashboard (or the API let them through): refusing them would
  // stop every plan, export and prune of the gateway, so aigw could never remove them.
  // Escaped, they print on one line and can be deleted by id.
  TestHttpServer server([](const TestRequest&) {
    return list_of(R"({"id":"ds1","name":"multi\nline\u001b[2J","enable":true},)"
                   R"({"id":"ds2","name":"plain","enable":true},)"
                   R"({"id":"ds3","name":"multi\\x0aline\u001b[2J","enable":true})");
  });
  auto datasets = client_for(server)->list_datasets("gw");
  ASSERT_TRUE(datasets.ok()) << datasets.error().to_string();
  ASSERT_EQ(datasets->size(), 3U);
  EXPECT_EQ((*datasets)[0].name, "multi\\x0aline\\x1b[2J");
  EXPECT_EQ((*datasets)[0].server_id, "ds1");
  EXPECT_EQ((*datasets)[1].name, "plain");
  // A name that already reads like the escaped one stays apart from it.
  EXPECT_EQ((*datasets)[2].name, "multi\\x5cx0aline\\x1b[2J");

  TestHttpServer routes([](const TestRequest&) {
    return TestReply{.body = R"({"data":{"routes":[{"id":"r1","name":"a\tb","elements":[]}]}})"};
  });
  auto listed = client_for(routes)->list_routes("gw");
  ASSERT_TRUE(listed.ok()) << listed.error().to_string();
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ(listed->front().name, "a\\x09b");
}

TEST(HostileServer, TheClientNeverSendsAPathWithAnEmptyOrDotSegment) {
  TestHttpServer server([](const TestRequest&) { return TestReply{}; });
  auto api = client_for(server);
  auto empty = api->delete_gateway("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().kind, Kind::config);
  EXPECT_NE(empty.error().to_string().find("refusing to send"), std::string::npos);
  EXPECT_FALSE(api->delete_dataset("gw", "..").ok());
  EXPECT_FALSE(api->delete_dataset("gw", ".").ok());
  EXPECT_FALSE(api->delete_route("..", "r").ok());
  EXPECT_EQ(server.requests(), 0);
}

TEST(HostileServer, EveryPathSegmentIsPercentEncoded) {
  TestHttpServer server([](const TestRequest&) { return TestReply{}; });
  auto api = client_for(server);
  ASSERT_TRUE(api->delete_gateway("a/b").ok());
  ASSERT_TRUE(api->delete_dataset("gw", "x?y#z").ok());
  ASSERT_TRUE(api->delete_route("g w", "..a").ok());
  const auto received = server.received();
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[0].target, "/client/v4/accounts/acc/ai-gateway/gateways/a%2Fb");
  EXPECT_EQ(received[1].target, "/client/v4/accounts/acc/ai-gateway/gateways/gw/datasets/x%3Fy%23z");
  EXPECT_EQ(received[2].target, "/client/v4/accounts/acc/ai-gateway/gateways/g%20w/routes/..a");
}

TEST(HostileServer, ControlCharactersInErrorsAreEscapedAndEachMessageIsCapped) {
  const std::string forged = R"(\u001b[2J\u001b[HPlan: 0 to create, 0 to update\r\n)";
  TestHttpServer server([&](const TestRequest& request) {
    if (request.method == "DELETE") {
      return TestReply{.status = 400,
                       .body = R"({"success":false,"errors":[{"code":7,"message":")" + forged +
                               R"("}]})"};
    }
    if (request.method == "PUT") {
      // Not JSON: the excerpt is shown, escaped too.
      return TestReply{.status = 502, .body = "\x1b[31mbad gateway\x07\n"};
    }
    std::string errors;
    for (int i = 0; i < 3; ++i) {
      errors += std::string(i == 0 ? "" : ",") + R"({"code":1,"message":")" +
                std::string(5 * 1024 * 1024, 'A') + R"("})";
    }
    return TestReply{.status = 400, .body = R"({"success":false,"errors":[)" + errors + "]}"};
  });
  auto api = client_for(server);
  auto deleted = api->delete_gateway("gw");
  ASSERT_FALSE(deleted.ok());
  const std::string text = deleted.error().to_string();
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.find('\n'), std::string::npos) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
  EXPECT_NE(text.find("\\x1b[2J"), std::string::npos) << text;

  auto updated = api->update_gateway(model::Gateway{"gw", {}, {}});
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.error().to_string().find('\x1b'), std::string::npos);
  EXPECT_EQ(updated.error().to_string().find('\x07'), std::string::npos);

  auto flooded = api->list_gateways();
  ASSERT_FALSE(flooded.ok());
  EXPECT_LT(flooded.error().to_string().size(), 4096u);
  EXPECT_NE(flooded.error().to_string().find("more bytes"), std::string::npos);
}

TEST(HostileServer, TooManyErrorsAreCounted) {
  TestHttpServer server([](const TestRequest&) {
    std::string errors;
    for (int i = 0; i < 500; ++i) {
      errors += std::string(i == 0 ? "" : ",") + R"({"code":)" + std::to_string(i) +
                R"(,"message":"m"})";
    }
    return TestReply{.status = 400, .body = R"({"success":false,"errors":[)" + errors + "]}"};
  });
  auto result = client_for(server)->delete_gateway("gw");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().errors.size(), 10u);
  EXPECT_NE(result.error().to_string().find("and 490 more errors"), std::string::npos);
}

TEST(HostileServer, LiveOtelAndStripeCredentialsAreNeverEchoed) {
  Redactor::global().clear();
  const std::string otel_auth = "Bearer canary-otel-auth-3b9f";
  const std::string header = "canary-otel-header-77c1";
  const std::string stripe = "canary-stripe-auth-a0e4";
  TestHttpServer server([&](const TestRequest& request) {
    if (request.method == "GET") {
      return list_of(R"({"id":"gw","otel":[{"authorization":")" + otel_auth +
                     R"(","headers":{"x-api-key":")" + header +
                     R"("},"url":"https://otel.example"}],"stripe":{"authorization":")" + stripe +
                     R"(","usage_events":[]}})");
    }
    std::string echoed;
    for (char c : request.body) {
      echoed += c == '"' ? '\'' : c;
    }
    return TestReply{.status = 400,
                     .body = R"({"success":false,"errors":[{"code":1,"message":")" + echoed + R"("}]})"};
  });
  auto api = client_for(server);
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok()) << gateways.error().to_string();
  ASSERT_EQ(gateways->size(), 1u);
  auto updated = api->update_gateway(gateways->front());
  ASSERT_FALSE(updated.ok());
  const std::string text = updated.error().to_string();
  ASSERT_NE(server.received().back().body.find(header), std::string::npos);
  for (const auto& canary : {otel_auth, header, stripe}) {
    EXPECT_EQ(text.find(canary), std::string::npos) << text;
  }
  EXPECT_NE(text.find("(sensitive)"), std::string::npos) << text;
  Redactor::global().clear();
}

TEST(HostileServer, NumbersOfUnknownFieldsAreSentBackAsTheyCame) {
  TestHttpServer server([](const TestRequest& request) {
    if (request.method == "GET") {
      return list_of(R"({"id":"gw","cache_ttl":300,"future_limit":1e400,)"
                     R"("future_id":9007199254740993,"future_ratio":0.12345678901234567891})");
    }
    return TestReply{.body = R"({"success":true,"result":{"id":"gw"}})"};
  });
  auto api = client_for(server);
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok()) << gateways.error().to_string();
  ASSERT_TRUE(api->update_gateway(gateways->front()).ok());
  const std::string body = server.received().back().body;
  EXPECT_NE(body.find(R"("future_limit":1e400)"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("future_id":9007199254740993)"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("future_ratio":0.12345678901234567891)"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("cache_ttl":300)"), std::string::npos) << body;
}

} // namespace
} // namespace aigw::cloudflare
