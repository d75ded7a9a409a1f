// The client against a scripted local server: headers, keep-alive, concurrency, retries,
// Retry-After, lost POSTs, timeouts, size cap, malformed bodies and paging bounds.

#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/paging.h"
#include "cloudflare/test_http_server.h"
#include "cloudflare/test_client.h"
#include "cloudflare/test_options.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace aigw::cloudflare {
namespace {

using test::TestHttpServer;
using test::TestReply;
using test::TestRequest;
using Kind = engine::ApiError::Kind;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

const char* k_limit_body =
    R"({"result":{"config":{"amount":500,"duration":"daily","strategy":"fixed"},"enabled":true},"success":true})";

using test::client_for;
using test::seconds_since;
using test::url_of;

TEST(HttpClient, SendsBearerTokenUserAgentAndTheAccountPath) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_limit_body}; });
  auto api = client_for(test::test_client_options(url_of(server)));
  auto limit = api->get_spending_limit();
  ASSERT_TRUE(limit.ok()) << limit.error().to_string();
  ASSERT_TRUE(limit->has_value());
  const auto seen = server.received().at(0);
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target, "/client/v4/accounts/acc/ai-gateway/billing/spending-limit");
  EXPECT_EQ(seen.headers.at("authorization"), "Bearer test-token-0123456789");
  EXPECT_EQ(seen.headers.at("user-agent"), std::string("aigw/") + AIGW_VERSION);
}

TEST(HttpClient, SendsLegacyEmailAndKeyWhenThereIsNoToken) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_limit_body}; });
  auto options = test::test_client_options(url_of(server));
  options.api_token.reset();
  options.email = "ops@example.com";
  options.api_key = Secret("legacy-key-abcdef");
  auto api = client_for(options);
  ASSERT_TRUE(api->get_spending_limit().ok());
  const auto seen = server.received().at(0);
  EXPECT_EQ(seen.headers.at("x-auth-email"), "ops@example.com");
  EXPECT_EQ(seen.headers.at("x-auth-key"), "legacy-key-abcdef");
  EXPECT_EQ(seen.headers.count("authorization"), 0u);
}

TEST(HttpClient, RefusesToStartWithoutCredentialsOrWithRemotePlainHttp) {
  auto options = test::test_client_options("http://127.0.0.1:1/client/v4");
  options.api_token.reset();
  auto none = make_gateway_api(options);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, Kind::config);
  EXPECT_NE(none.error().message.find("CLOUDFLARE_API_TOKEN"), std::string::npos);

  auto remote = make_gateway_api(test::test_client_options("http://api.example.com/client/v4"));
  ASSERT_FALSE(remote.ok());
  EXPECT_EQ(remote.error().kind, Kind::config);
  EXPECT_FALSE(make_gateway_api(test::test_client_options("::nonsense")).ok());
}

TEST(HttpClient, KeepAliveReusesOneConnection) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_limit_body}; });
  auto api = client_for(test::test_client_options(url_of(server)));
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(api->get_spending_limit().ok());
  }
  EXPECT_EQ(server.requests(), 10);
  EXPECT_EQ(server.connections(), 1);
  EXPECT_EQ(api->connections_opened(), 1u);
}

TEST(HttpClient, IndependentCallsRunInParallelUpToTheConcurrency) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_limit_body, .delay_ms = 300}; });
  auto run = [&](int concurrency, int calls) {
    auto options = test::test_client_options(url_of(server));
    options.concurrency = concurrency;
    auto api = client_for(options);
    std::atomic<int> ok{0};
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int i = 0; i < calls; ++i) {
      threads.emplace_back([&] { ok += api->get_spending_limit().ok() ? 1 : 0; });
    }
    for (auto& t : threads) {
      t.join();
    }
    EXPECT_EQ(ok.load(), calls);
    EXPECT_LE(api->connections_opened(), static_cast<std::uint64_t>(concurrency));
    return seconds_since(start);
  };
  EXPECT_LT(run(8, 8), 1.5);  // all eight at once: about 0.3 s (one at a time: 2.4 s)
  EXPECT_GE(run(2, 6), 0.85); // two at a time: three rounds of 0.3 s
}

TEST(HttpClient, RetriesServerErrorsAndCountsThem) {
  std::atomic<int> calls{0};
  TestHttpServer server([&](const TestRequest&) {
    if (++calls <= 2) {
      return TestReply{.status = 503, .body = R"({"success":false,"errors":[{"code":1,"message":"busy"}]})"};
    }
    return TestReply{.body = k_limit_body};
  });
  auto api = client_for(test::test_client_options(url_of(server)));
  auto limit = api->get_spending_limit();
  ASSERT_TRUE(limit.ok()) << limit.error().to_string();
  const auto stats = api->stats();
  EXPECT_EQ(stats.requests, 3u);
  EXPECT_EQ(stats.retries, 2u);
  EXPECT_EQ(stats.by_endpoint.at("GET billing/spending-limit 503"), 2u);
  EXPECT_EQ(stats.by_endpoint.at("GET billing/spending-limit 200"), 1u);
}

TEST(HttpClient, HonoursRetryAfter) {
  std::atomic<int> calls{0};
  TestHttpServer server([&](const TestRequest&) {
    if (++calls == 1) {
      return TestReply{.status = 429, .body = "{}", .headers = {{"Retry-After", "1"}}};
    }
    return TestReply{.body = k_limit_body};
  });
  auto api = client_for(test::test_client_options(url_of(server)));
  const auto start = Clock::now();
  ASSERT_TRUE(api->get_spending_limit().ok());
  EXPECT_GE(seconds_since(start), 1.0); // backoff alone would wait at most 20 ms
  EXPECT_EQ(server.requests(), 2);
}

TEST(HttpClient, GivesUpAfterMaxAttemptsWithTheLastError) {
  TestHttpServer server([](const TestRequest&) {
    return TestReply{.status = 500, .body = R"({"success":false,"errors":[{"code":9,"message":"boom"}]})"};
  });
  auto options = test::test_client_options(url_of(server));
  options.max_attempts = 3;
  auto api = client_for(options);
  auto result = api->list_gateways();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::http);
  EXPECT_EQ(result.error().status, 500);
  EXPECT_NE(result.error().to_string().find("[9] boom"), std::string::npos);
  EXPECT_NE(result.error().to_string().find("after 3 attempts"), std::string::npos);
  EXPECT_EQ(server.requests(), 3);
}

TEST(HttpClient, ALostPostResponseIsOutcomeUnknownAndNeverRepeated) {
  TestHttpServer server([](const TestRequest& r) {
    return r.method == "POST" ? TestReply{.drop = true} : TestReply{.body = k_limit_body};
  });
  auto api = client_for(test::test_client_options(url_of(server)));
  model::Gateway gateway{"gw", {}, {}};
  auto created = api->create_gateway(gateway);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().kind, Kind::outcome_unknown);
  EXPECT_EQ(created.error().method, "POST");
  EXPECT_EQ(server.requests(), 1);
  EXPECT_EQ(api->stats().retries, 0u);
}

TEST(HttpClient, ALostGetResponseIsRetried) {
  std::atomic<int> calls{0};
  TestHttpServer server([&](const TestRequest&) {
    return ++calls == 1 ? TestReply{.drop = true} : TestReply{.body = k_limit_body};
  });
  auto api = client_for(test::test_client_options(url_of(server)));
  ASSERT_TRUE(api->get_spending_limit().ok());
  EXPECT_EQ(server.requests(), 2);
}

TEST(HttpClient, PostRetriesOnlyWhenTheServerSurelyDidNotActOnIt) {
  std::atomic<int> calls{0};
  TestHttpServer server([&](const TestRequest&) {
    const int n = ++calls;
    if (n == 1) {
      return TestReply{.status = 429, .body = "{}"};
    }
    if (n == 2) {
      return TestReply{.body = R"({"result":{"id":"gw","cache_ttl":0},"success":true})"};
    }
    return TestReply{.status = 502, .body = "bad gateway"};
  });
  auto api = client_for(test::test_client_options(url_of(server)));
  auto created = api->create_gateway({"gw", {}, {}});
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  EXPECT_EQ(server.requests(), 2);
  auto unknown = api->create_gateway({"gw2", {}, {}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, Kind::outcome_unknown);
  EXPECT_EQ(unknown.error().status, 502);
  EXPECT_NE(unknown.error().message.find("HTTP 502 from a proxy"), std::string::npos);
  EXPECT_EQ(server.requests(), 3);
}

TEST(HttpClient, ReadTimeoutIsATimeout) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_limit_body, .delay_ms = 1500}; });
  auto options = test::test_client_options(url_of(server));
  options.read_timeout = 300ms;
  options.max_attempts = 1;
  auto api = client_for(options);
  const auto start = Clock::now();
  auto result = api->get_spending_limit();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::timeout);
  EXPECT_LT(seconds_since(start), 1.2);
}

TEST(HttpClient, ConnectionRefusedIsANetworkErrorAfterRetries) {
  auto options = test::test_client_options("http://127.0.0.1:1/client/v4");
  options.max_attempts = 2;
  auto api = client_for(options);
  auto result = api->list_gateways();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::network);
  EXPECT_EQ(api->stats().requests, 2u);
}

TEST(HttpClient, AResponseOverTheSizeCapIsAnError) {
  TestHttpServer server([](const TestRequest&) {
    return TestReply{.body = R"({"result":")" + std::string(8192, 'x') + R"(","success":true})"};
  });
  auto options = test::test_client_options(url_of(server));
  options.max_response_bytes = 1024;
  auto api = client_for(options);
  auto result = api->get_gateway_url("gw", "openai");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::decode);
  EXPECT_NE(result.error().message.find("size limit"), std::string::npos);
  EXPECT_EQ(server.requests(), 1);
}

TEST(HttpClient, BadBodiesAreClearErrorsNamingTheEndpoint) {
  std::atomic<int> calls{0};
  TestHttpServer server([&](const TestRequest&) {
    switch (++calls) {
    case 1: return TestReply{.body = "{\"result\": [1,"};
    case 2: return TestReply{.body = R"({"success":true})"};
    default: return TestReply{.body = R"({"result":[{"id":"gw","cache_ttl":"soon"}],"success":true})"};
    }
  });
  auto api = client_for(test::test_client_options(url_of(server)));
  const std::string endpoint = "GET /accounts/acc/ai-gateway/gateways";
  for (const char* expected : {"malformed JSON", "'result' is missing", "'cache_ttl' is a string"}) {
    auto result = api->list_gateways();
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, Kind::decode);
    EXPECT_EQ(result.error().to_string().rfind(endpoint, 0), 0u) << result.error().to_string();
    EXPECT_NE(result.error().to_string().find(expected), std::string::npos)
        << result.error().to_string();
  }
}

TEST(HttpClient, PagingStopsAtAHardBoundAgainstAnEndlessServer) {
  std::string page = R"({"success":true,"result_info":{"has_more":true},"result":[)";
  page += R"({"id":"gw","cache_ttl":0}]})";
  TestHttpServer server([&](const TestRequest&) { return TestReply{.body = page}; });
  auto api = client_for(test::test_client_options(url_of(server)));
  auto result = api->list_gateways();
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("paging did not end"), std::string::npos);
  EXPECT_EQ(server.requests(), 1000);
  const auto last = server.received().back();
  EXPECT_NE(last.target.find("page=1000&per_page=100"), std::string::npos);
}

TEST(HttpClient, PagingStopsAtTheItemBoundWhateverThePageSize) {
  // Pages far larger than per_page: the page bound alone would allow 10 million items.
  std::string page = R"({"success":true,"result_info":{"has_more":true},"result":[)";
  for (int i = 0; i < 10000; ++i) {
    page += std::string(i == 0 ? "" : ",") + R"({"id":"gw)" + std::to_string(i) + R"("})";
  }
  page += "]}";
  TestHttpServer server([&](const TestRequest&) { return TestReply{.body = page}; });
  auto api = client_for(test::test_client_options(url_of(server)));
  auto result = api->list_gateways();
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("the list exceeds 100000 items (after 11 pages)"),
            std::string::npos)
      << result.error().to_string();
  EXPECT_EQ(server.requests(), 11);
}

TEST(HttpClient, PagingStopsAtTheByteBound) {
  const std::string page = R"({"success":true,"result_info":{"has_more":true},"result":[)"
                           R"({"id":"gw","padding":")" +
                           std::string(256 * 1024, 'p') + R"("}]})";
  TestHttpServer server([&](const TestRequest&) { return TestReply{.body = page}; });
  auto options = test::test_client_options(url_of(server));
  options.max_list_bytes = 1024 * 1024;
  auto api = client_for(options);
  auto result = api->list_gateways();
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("the list exceeds 1048576 response bytes (after 4 pages)"),
            std::string::npos)
      << result.error().to_string();
  EXPECT_EQ(server.requests(), 4); // four pages of 256 KiB and a little JSON pass 1 MiB
}

TEST(HttpClient, TheDocumentedListBoundsAreTheDefaults) {
  const ClientOptions options;
  EXPECT_EQ(options.max_list_items, 100000u);
  EXPECT_EQ(options.max_list_bytes, 128u * 1024 * 1024);
  EXPECT_EQ(k_max_pages, 1000);
}

TEST(HttpClient, TheRateLimiterHoldsASmallLimit) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_limit_body}; });
  auto options = test::test_client_options(url_of(server));
  options.rate_limit_requests = 20;
  options.rate_limit_window = std::chrono::seconds(1);
  options.rate_limit_burst = 5;
  options.concurrency = 4;
  auto api = client_for(options);
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        EXPECT_TRUE(api->get_spending_limit().ok());
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  const double elapsed = seconds_since(start);
  // 40 requests at 20/s with a burst of 5: the refill is 15/s, so (40 - 5) / 15 = 2.33 s.
  EXPECT_GE(elapsed, (40.0 - 5.0) / 20.0);
  EXPECT_LT(elapsed, 3.5);
  EXPECT_EQ(server.requests(), 40);
}

} // namespace
} // namespace aigw::cloudflare
