// read_live against the recording fake: the minimum of requests, concurrency, errors.

#include "engine/live_state.h"
#include "engine/forwarding_gateway_api.h"
#include "engine/plan_fixtures.h"
#include "fakes/fake_gateway_api.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace aigw::engine {
namespace {

model::Desired declaring(int gateways, bool billing) {
  model::Desired desired;
  for (int i = 0; i < gateways; ++i) {
    desired.resources.gateways.push_back({"gw-" + std::to_string(i), {}, {}});
  }
  desired.billing_declared = billing;
  return desired;
}

void seed(test::FakeGatewayApi& api, int gateways) {
  for (int i = 0; i < gateways; ++i) {
    const std::string id = "gw-" + std::to_string(i);
    api.state.gateways.push_back(test::live_gateway(id));
    api.state.datasets.push_back(test::live_dataset(id, "d", "ds-" + std::to_string(i)));
    api.state.routes.push_back(
        test::live_route(id, "r", "rt-" + std::to_string(i), test::model_graph("m")));
  }
}

TEST(QueryFor, DeclaredGatewaysOnceAndBillingWhenDeclared) {
  auto desired = declaring(2, true);
  desired.resources.gateways.push_back({"gw-0", {}, {}});
  const auto query = query_for(desired);
  EXPECT_EQ(query.gateway_ids, (std::vector<std::string>{"gw-0", "gw-1"}));
  EXPECT_TRUE(query.billing);
}

TEST(ReadLive, OneListPlusThreePerDeclaredExistingGateway) {
  for (int n : {0, 1, 10, 40}) {
    SCOPED_TRACE(n);
    test::FakeGatewayApi api; // three undeclared gateways are never read for children
    seed(api, n + 3);
    auto live = read_live(api, query_for(declaring(n, false)));
    ASSERT_TRUE(live.ok());
    EXPECT_EQ(api.stats().requests, 1u + 3u * static_cast<unsigned>(n));
    EXPECT_EQ(live->resources.gateways.size(), static_cast<std::size_t>(n + 3));
    EXPECT_EQ(live->resources.datasets.size(), static_cast<std::size_t>(n));
    EXPECT_EQ(live->children_read.size(), static_cast<std::size_t>(n));
    EXPECT_FALSE(live->billing_read);
  }
}

TEST(ReadLive, PruneAlsoReadsTheChildrenOfGatewaysItMayDelete) {
  test::FakeGatewayApi api;
  seed(api, 4); // gw-0 declared; gw-1 the default; gw-2, gw-3 undeclared
  api.state.gateways[1].fields["is_default"] = true;
  api.state.gateways.push_back(test::live_gateway("other"));
  auto desired = declaring(1, false);
  desired.scope = {"gw-*"};
  auto live = read_live(api, query_for(desired, true));
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->children_read, (std::vector<std::string>{"gw-0", "gw-2", "gw-3"}));
  EXPECT_EQ(api.stats().requests, 1u + 3u * 3u);
  // Without prune only the declared gateway is read.
  EXPECT_EQ(read_live(api, query_for(desired))->children_read, std::vector<std::string>{"gw-0"});
}

TEST(ReadLive, BillingAddsTwoGets) {
  test::FakeGatewayApi api;
  seed(api, 1);
  api.state.spending_limit = model::SpendingLimit{{{"amount", 100}}, {}};
  auto live = read_live(api, query_for(declaring(1, true)));
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(api.stats().requests, 6u);
  EXPECT_TRUE(live->billing_read);
  EXPECT_TRUE(live->resources.spending_limit.has_value());
  EXPECT_FALSE(live->resources.auto_topup.has_value());
}

TEST(ReadLive, MissingDeclaredGatewayIsNotRead) {
  test::FakeGatewayApi api;
  seed(api, 1);
  auto live = read_live(api, query_for(declaring(3, false)));
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->children_read, std::vector<std::string>{"gw-0"});
  EXPECT_EQ(api.stats().requests, 4u);
}

TEST(ReadLive, ResultsAreDeterministicUnderConcurrency) {
  test::FakeGatewayApi api;
  seed(api, 30);
  auto query = query_for(declaring(30, false));
  query.concurrency = 8;
  auto live = read_live(api, query);
  ASSERT_TRUE(live.ok());
  for (std::size_t i = 0; i < 30; ++i) {
    EXPECT_EQ(live->resources.datasets[i].gateway_id, "gw-" + std::to_string(i));
  }
}

TEST(ReadLive, AnErrorIsReturned) {
  test::FakeGatewayApi api;
  seed(api, 3);
  ApiError error;
  error.kind = ApiError::Kind::http;
  error.status = 500;
  api.fail_next("GET routes gw-1", error);
  auto live = read_live(api, query_for(declaring(3, false)));
  ASSERT_FALSE(live.ok());
  EXPECT_EQ(live.error().status, 500);
}

/// Hands the gateway list over in two pages and holds the second page back until the
/// first page's child lists have started (or a second has passed): a reader that waits for
/// the whole list before listing children makes it wait the full second.
class TwoPageApi : public test::ForwardingGatewayApi {
public:
  ApiResult<std::vector<model::Gateway>> list_gateways_by_page(const GatewayPageSink& on_page) override {
    auto all = fake.list_gateways();
    const auto half = all->size() / 2;
    on_page({all->begin(), all->begin() + static_cast<std::ptrdiff_t>(half)});
    std::unique_lock lock(m_mutex);
    children_before_last_page =
        m_started.wait_for(lock, std::chrono::seconds(1), [this] { return m_children > 0; });
    lock.unlock();
    on_page({all->begin() + static_cast<std::ptrdiff_t>(half), all->end()});
    return all;
  }
  ApiResult<std::vector<model::Dataset>> list_datasets(const std::string& gw) override {
    {
      const std::lock_guard lock(m_mutex);
      ++m_children;
    }
    m_started.notify_all();
    return fake.list_datasets(gw);
  }
  bool children_before_last_page = false;

private:
  std::mutex m_mutex;
  std::condition_variable m_started;
  int m_children = 0;
};

TEST(ReadLive, ChildListsStartAsTheirGatewaysPageArrives) {
  TwoPageApi api;
  seed(api.fake, 4);
  auto live = read_live(api, query_for(declaring(4, false)));
  ASSERT_TRUE(live.ok());
  EXPECT_TRUE(api.children_before_last_page);
  EXPECT_EQ(live->children_read, (std::vector<std::string>{"gw-0", "gw-1", "gw-2", "gw-3"}));
  EXPECT_EQ(live->resources.datasets.size(), 4u);
  EXPECT_EQ(api.fake.stats().requests, 1u + 3u * 4u);
}

TEST(ReadLive, AFailedGatewayListIsReturnedAfterTheStartedReadsEnd) {
  test::FakeGatewayApi api;
  seed(api, 2);
  ApiError error;
  error.kind = ApiError::Kind::http;
  error.status = 503;
  api.fail_next("GET gateways", error);
  auto live = read_live(api, query_for(declaring(2, false)));
  ASSERT_FALSE(live.ok());
  EXPECT_EQ(live.error().status, 503);
}

} // namespace
} // namespace aigw::engine
