// CloudflareGatewayApi::read_gateway_tree against a scripted local server: the gateway list
// and the child lists of the wanted gateways, all sent from one thread over the pooled
// connections (ApiBatch over HttpSession::exchange_many): pages in order, per-list errors,
// retries, timeouts, the concurrency bound and the rate limiter.

#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/test_http_server.h"
#include "cloudflare/test_client.h"
#include "cloudflare/test_options.h"
#include "engine/child_lists.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace aigw::cloudflare {
namespace {

using test::TestHttpServer;
using test::TestReply;
using test::TestRequest;
using Kind = engine::ApiError::Kind;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

using test::client_for;
using test::seconds_since;
using test::url_of;

/// The page number of a target's query ("...?page=2&per_page=100"), 1 when absent.
int page_of(const std::string& target) {
  const auto at = target.find("page=");
  return at == std::string::npos ? 1 : std::stoi(target.substr(at + 5));
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Six gateways on three pages (two per page, total_pages given), each with no datasets
/// except gw-2 (two pages of one), no provider configs and no routes.
TestReply account(const TestRequest& request) {
  const int page = page_of(request.target);
  const std::string info = R"(,"result_info":{"page":)" + std::to_string(page) +
                           R"(,"per_page":2,"total_pages":)";
  if (has(request.target, "/gateways?")) {
    const auto gw = [](int n) { return R"({"id":"gw-)" + std::to_string(n) + R"("})"; };
    return TestReply{.body = R"({"success":true,"result":[)" + gw(2 * page - 1) + "," +
                             gw(2 * page) + "]" + info + "3}}"};
  }
  if (has(request.target, "/gw-2/datasets")) {
    return TestReply{.body = R"({"success":true,"result":[{"id":"d)" + std::to_string(page) +
                             R"(","name":"set-)" + std::to_string(page) +
                             R"(","enable":true,"filters":[]}])" + info + "2}}"};
  }
  if (has(request.target, "/routes")) {
    return TestReply{.body = R"({"success":true,"data":{"routes":[]}})"};
  }
  return TestReply{.body = R"({"success":true,"result":[]})"};
}

const model::Resources& slot(const engine::GatewayTree& tree, const std::string& id,
                             model::ResourceKind kind) {
  const auto& kinds = engine::gateway_child_kinds();
  const auto k = static_cast<std::size_t>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
  const auto& read = tree.children.at(id).at(k);
  EXPECT_TRUE(read.has_value() && read->ok()) << id;
  return read->value();
}

TEST(GatewayTree, ListsEveryPageAndTheChildrenOfWantedGatewaysOnly) {
  TestHttpServer server(account);
  auto api = client_for(test::test_client_options(url_of(server)));
  const auto tree = api->read_gateway_tree(
      [](const model::Gateway& g) { return g.id != "gw-5"; }, 8);
  ASSERT_TRUE(tree.gateways.ok()) << tree.gateways.error().to_string();
  std::vector<std::string> ids;
  for (const auto& g : tree.gateways.value()) {
    ids.push_back(g.id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"gw-1", "gw-2", "gw-3", "gw-4", "gw-5", "gw-6"}));
  std::set<std::string> read;
  for (const auto& [id, lists] : tree.children) {
    read.insert(id);
    EXPECT_EQ(lists.size(), engine::gateway_child_kinds().size());
  }
  EXPECT_EQ(read, (std::set<std::string>{"gw-1", "gw-2", "gw-3", "gw-4", "gw-6"}));
  for (const auto& request : server.received()) {
    EXPECT_FALSE(has(request.target, "/gw-5/")) << request.target;
  }
  // gw-2's two dataset pages, in page order, stamped with the gateway.
  const auto& datasets = slot(tree, "gw-2", model::ResourceKind::dataset).datasets;
  ASSERT_EQ(datasets.size(), 2u);
  EXPECT_EQ(datasets[0].name, "set-1");
  EXPECT_EQ(datasets[1].name, "set-2");
  EXPECT_EQ(datasets[1].gateway_id, "gw-2");
  // 3 gateway pages + 5 gateways x 3 lists + gw-2's second dataset page.
  EXPECT_EQ(api->stats().requests, 3u + 15u + 1u);
}

TEST(GatewayTree, AListAlreadyUnderWayFeedsTheChildListsFromItsOwnThread) {
  TestHttpServer server(account);
  auto api = client_for(test::test_client_options(url_of(server)));
  const auto gateway = [](const std::string& id) {
    model::Gateway g;
    g.id = id;
    return g;
  };
  // Two pages handed over from another thread, 50 ms apart, as a prefetched list does.
  const engine::GatewayApi::GatewayListSource list = [&](const engine::GatewayApi::GatewayPageSink& sink) {
    const std::vector<model::Gateway> first{gateway("gw-1"), gateway("gw-2")};
    const std::vector<model::Gateway> second{gateway("gw-3")};
    sink(first);
    std::this_thread::sleep_for(50ms);
    sink(second);
    return engine::ApiResult<std::vector<model::Gateway>>(
        std::vector<model::Gateway>{gateway("gw-1"), gateway("gw-2"), gateway("gw-3")});
  };
  const auto tree = api->read_gateway_tree([](const model::Gateway&) { return true; }, 8, list);
  ASSERT_TRUE(tree.gateways.ok());
  EXPECT_EQ(tree.gateways.value().size(), 3u);
  EXPECT_EQ(tree.children.size(), 3u);
  EXPECT_EQ(slot(tree, "gw-2", model::ResourceKind::dataset).datasets.size(), 2u);
  EXPECT_TRUE(slot(tree, "gw-3", model::ResourceKind::route).routes.empty());
  // No gateway page was asked for: 3 gateways x 3 lists + gw-2's second dataset page.
  EXPECT_EQ(api->stats().requests, 10u);
}

TEST(GatewayTree, AFailingListIsAnErrorInItsOwnSlotAndRetriesAreCounted) {
  std::atomic<int> flaky{0};
  TestHttpServer server([&](const TestRequest& request) {
    if (has(request.target, "/gw-3/provider_configs")) {
      return TestReply{.status = 400,
                       .body = R"({"success":false,"errors":[{"code":7,"message":"no"}]})"};
    }
    if (has(request.target, "/gw-4/datasets") && ++flaky == 1) {
      return TestReply{.status = 503, .body = R"({"success":false,"errors":[]})"};
    }
    return account(request);
  });
  auto api = client_for(test::test_client_options(url_of(server)));
  const auto tree = api->read_gateway_tree([](const model::Gateway&) { return true; }, 4);
  ASSERT_TRUE(tree.gateways.ok());
  const auto& kinds = engine::gateway_child_kinds();
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    const auto& read = tree.children.at("gw-3").at(k);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->ok(), kinds[k] != model::ResourceKind::provider_config);
    if (!read->ok()) {
      EXPECT_EQ(read->error().status, 400);
    }
  }
  EXPECT_TRUE(slot(tree, "gw-4", model::ResourceKind::dataset).datasets.empty());
  EXPECT_EQ(api->stats().retries, 1u);
}

TEST(GatewayTree, AFailingGatewayPageFailsTheList) {
  TestHttpServer server([&](const TestRequest& request) {
    if (has(request.target, "/gateways?") && page_of(request.target) == 2) {
      return TestReply{.status = 403, .body = R"({"success":false,"errors":[{"code":9,"message":"x"}]})"};
    }
    return account(request);
  });
  auto api = client_for(test::test_client_options(url_of(server)));
  const auto tree = api->read_gateway_tree([](const model::Gateway&) { return true; }, 4);
  ASSERT_FALSE(tree.gateways.ok());
  EXPECT_EQ(tree.gateways.error().status, 403);
}

TEST(GatewayTree, RunsUpToTheConcurrencyAtOnce) {
  // 3 gateway pages, then 18 child lists (and one more dataset page) that each take 0.3 s.
  const auto slow = [](const TestRequest& request) {
    auto reply = account(request);
    if (!has(request.target, "/gateways?")) {
      reply.delay_ms = 300;
    }
    return reply;
  };
  const auto run = [&](int concurrency) {
    TestHttpServer server(slow);
    auto options = test::test_client_options(url_of(server));
    options.concurrency = concurrency;
    auto api = client_for(options);
    const auto start = Clock::now();
    const auto tree = api->read_gateway_tree([](const model::Gateway&) { return true; }, concurrency);
    EXPECT_TRUE(tree.gateways.ok());
    EXPECT_LE(server.connections(), concurrency);
    return seconds_since(start);
  };
  EXPECT_LT(run(19), 1.5);  // the child lists at once: about 0.6 s (one at a time: 5.7 s)
  EXPECT_GE(run(3), 1.8);   // three at a time: at least 6 rounds of 0.3 s
}

TEST(GatewayTree, AnAnswerPastTheReadTimeoutFailsOnlyItsList) {
  TestHttpServer server([](const TestRequest& request) {
    auto reply = account(request);
    if (has(request.target, "/gw-4/routes")) {
      reply.delay_ms = 1500;
    }
    return reply;
  });
  auto options = test::test_client_options(url_of(server));
  options.read_timeout = 300ms;
  options.max_attempts = 1;
  auto api = client_for(options);
  const auto start = Clock::now();
  const auto tree = api->read_gateway_tree([](const model::Gateway&) { return true; }, 8);
  EXPECT_LT(seconds_since(start), 1.4);
  ASSERT_TRUE(tree.gateways.ok());
  const auto& kinds = engine::gateway_child_kinds();
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    const auto& read = tree.children.at("gw-4").at(k);
    ASSERT_TRUE(read.has_value());
    if (kinds[k] == model::ResourceKind::route) {
      ASSERT_FALSE(read->ok());
      EXPECT_EQ(read->error().kind, Kind::timeout);
    } else {
      EXPECT_TRUE(read->ok());
    }
  }
  EXPECT_TRUE(slot(tree, "gw-6", model::ResourceKind::route).routes.empty());
}

TEST(GatewayTree, TheRateLimiterHoldsTheWholeRead) {
  TestHttpServer server(account);
  auto options = test::test_client_options(url_of(server));
  options.rate_limit_requests = 10;
  options.rate_limit_window = std::chrono::seconds(1);
  options.rate_limit_burst = 4;
  std::atomic<int> reports{0};
  options.rate_limit_report_after = 100ms;
  options.on_rate_limit_wait = [&](const RateLimitWait&) { ++reports; };
  auto api = client_for(options);
  const auto start = Clock::now();
  const auto tree = api->read_gateway_tree([](const model::Gateway& g) { return g.id == "gw-1"; }, 8);
  ASSERT_TRUE(tree.gateways.ok());
  // 3 pages + 3 lists = 6 requests at 10/s with a burst of 4: the refill is 6/s, so
  // (6 - 4) / 6 = 0.33 s at least.
  EXPECT_GE(seconds_since(start), 0.3);
  EXPECT_GT(api->stats().rate_limit_waits, 0u);
  EXPECT_GE(reports.load(), 1); // a wait past rate_limit_report_after is reported
  EXPECT_EQ(api->stats().requests, 6u);
}

} // namespace
} // namespace aigw::cloudflare
