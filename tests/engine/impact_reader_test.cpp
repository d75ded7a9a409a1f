// read_impact and check_max_impact against the recording fake: which changes get figures,
// what they cost in requests, and that a failed log read is a warning, not a failure.

#include "engine/impact_reader.h"

#include "apply_test_plans.h"
#include "fakes/fake_gateway_api.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace aigw::engine {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const auto k_now = std::chrono::system_clock::time_point(hours(500'000));

using test::make_change;

/// A plan that deletes one object.
Plan deleting(model::ResourceKind resource, const std::string& gateway, const std::string& key = "") {
  Plan plan;
  plan.changes.push_back(make_change(ChangeKind::remove, resource, gateway, key));
  return plan;
}

ImpactOptions options(ImpactMode mode, std::string window = "24h") {
  ImpactOptions o;
  o.mode = mode;
  o.window = std::move(window);
  o.now = k_now;
  return o;
}

/// `count` logs on a gateway, `ago` before now, with the given outcome and model.
void add_logs(test::FakeGatewayApi& api, const std::string& gateway, int count,
              std::chrono::system_clock::duration ago, bool success = true,
              const std::string& model = "gpt-4o-mini") {
  for (int i = 0; i < count; ++i) {
    api.logs.push_back({gateway, k_now - ago, success, model});
  }
}

std::size_t log_calls(const test::FakeGatewayApi& api) {
  const auto calls = api.calls();
  return static_cast<std::size_t>(std::count_if(
      calls.begin(), calls.end(), [](const std::string& c) { return c.starts_with("GET logs"); }));
}

TEST(ImpactReader, GatewayDeleteCountsRequestsAndErrorsInTheWindow) {
  test::FakeGatewayApi api;
  add_logs(api, "router", 30, minutes(5));
  add_logs(api, "router", 2, minutes(30), false);
  add_logs(api, "router", 7, hours(30)); // outside the last 24 h
  add_logs(api, "other", 5, minutes(5));
  Plan plan = deleting(model::ResourceKind::gateway, "router");
  read_impact(api, plan, options(ImpactMode::deletes));
  ASSERT_TRUE(plan.changes[0].impact.has_value());
  const auto& impact = *plan.changes[0].impact;
  EXPECT_TRUE(impact.known);
  EXPECT_EQ(impact.window, "24h");
  EXPECT_EQ(impact.requests, 32U);
  EXPECT_EQ(impact.errors, 2U);
  EXPECT_FALSE(impact.route_requests.has_value());
  EXPECT_EQ(log_calls(api), 2U);
  EXPECT_EQ(plan.api_requests, api.stats().requests);
  EXPECT_TRUE(plan.warnings.empty());
}

TEST(ImpactReader, WindowSevenDaysReachesOlderLogs) {
  test::FakeGatewayApi api;
  add_logs(api, "router", 4, hours(30));
  add_logs(api, "router", 1, hours(200)); // older than 7 days
  Plan plan = deleting(model::ResourceKind::gateway, "router");
  read_impact(api, plan, options(ImpactMode::deletes, "7d"));
  EXPECT_EQ(plan.changes[0].impact->requests, 4U);
  EXPECT_EQ(plan.changes[0].impact->window, "7d");
}

TEST(ImpactReader, RouteDeleteCountsItsDynamicModelAndTheGateway) {
  test::FakeGatewayApi api;
  add_logs(api, "router", 6, minutes(1), true, "dynamic/chat");
  add_logs(api, "router", 1, minutes(1), false, "dynamic/chat");
  add_logs(api, "router", 3, minutes(1), true, "dynamic/other");
  Plan plan = deleting(model::ResourceKind::route, "router", "chat");
  read_impact(api, plan, options(ImpactMode::deletes));
  const auto& impact = *plan.changes[0].impact;
  EXPECT_EQ(impact.requests, 10U);
  EXPECT_EQ(impact.errors, 1U);
  ASSERT_TRUE(impact.route_requests.has_value());
  EXPECT_EQ(*impact.route_requests, 7U);
  EXPECT_EQ(impact.served(), 7U);
  EXPECT_EQ(log_calls(api), 3U);
}

TEST(ImpactReader, NoLogsIsZeroNotUnknown) {
  test::FakeGatewayApi api;
  Plan plan = deleting(model::ResourceKind::gateway, "quiet");
  read_impact(api, plan, options(ImpactMode::deletes));
  EXPECT_TRUE(plan.changes[0].impact->known);
  EXPECT_EQ(plan.changes[0].impact->requests, 0U);
}

TEST(ImpactReader, DefaultReadsOnlyDeletesImpactReadsEveryTrafficChange) {
  Plan plan;
  Change auth = make_change(ChangeKind::update, model::ResourceKind::gateway, "a");
  auth.diff.push_back({"authentication", model::Value(false), model::Value(true), false});
  Change cache = make_change(ChangeKind::update, model::ResourceKind::gateway, "b");
  cache.diff.push_back({"cache_ttl", model::Value(0), model::Value(60), false});
  Change guard = make_change(ChangeKind::update, model::ResourceKind::gateway, "c");
  guard.diff.push_back({"guardrails.prompt.S1", std::nullopt, model::Value("BLOCK"), false});
  plan.changes = {auth, cache, guard,
                  make_change(ChangeKind::deploy_new_version, model::ResourceKind::route, "a", "r"),
                  make_change(ChangeKind::cannot_fix, model::ResourceKind::provider_config, "a", "openai/main"),
                  make_change(ChangeKind::remove, model::ResourceKind::dataset, "a", "d"),
                  make_change(ChangeKind::create, model::ResourceKind::route, "a", "n")};
  std::vector<bool> all;
  std::vector<bool> deletes;
  for (const auto& change : plan.changes) {
    all.push_back(affects_traffic(change, ImpactMode::all));
    deletes.push_back(affects_traffic(change, ImpactMode::deletes));
  }
  EXPECT_EQ(all, (std::vector<bool>{true, false, true, true, true, false, false}));
  EXPECT_EQ(deletes, std::vector<bool>(7, false));

  test::FakeGatewayApi api;
  read_impact(api, plan, options(ImpactMode::deletes));
  EXPECT_EQ(log_calls(api), 0U);
  read_impact(api, plan, options(ImpactMode::all));
  EXPECT_TRUE(plan.changes[0].impact.has_value());
  EXPECT_FALSE(plan.changes[1].impact.has_value());
  // Gateways a and c: two counts each; route r: one more.
  EXPECT_EQ(log_calls(api), 5U);
}

TEST(ImpactReader, OffReadsNothing) {
  test::FakeGatewayApi api;
  Plan plan = deleting(model::ResourceKind::gateway, "router");
  read_impact(api, plan, options(ImpactMode::off));
  EXPECT_FALSE(plan.changes[0].impact.has_value());
  EXPECT_EQ(log_calls(api), 0U);
}

TEST(ImpactReader, FailedReadIsAWarningAndUnknownImpact) {
  test::FakeGatewayApi api;
  add_logs(api, "ok", 3, minutes(1));
  ApiError error;
  error.kind = ApiError::Kind::http;
  error.status = 500;
  error.message = "boom";
  api.fail_next("GET logs broken", error);
  Plan plan = deleting(model::ResourceKind::gateway, "broken");
  plan.changes.push_back(make_change(ChangeKind::remove, model::ResourceKind::gateway, "ok"));
  read_impact(api, plan, options(ImpactMode::deletes));
  ASSERT_EQ(plan.warnings.size(), 1U);
  EXPECT_NE(plan.warnings[0].find("gateway broken"), std::string::npos);
  EXPECT_FALSE(plan.changes[0].impact->known);
  EXPECT_TRUE(plan.changes[1].impact->known);
  EXPECT_EQ(plan.changes[1].impact->requests, 3U);
}

TEST(ImpactReader, MaxImpactRefusesBusyAndUnknownDeletesOnly) {
  Plan plan;
  Change busy = make_change(ChangeKind::remove, model::ResourceKind::gateway, "busy");
  busy.impact = TrafficImpact{"24h", true, 500, 3, std::nullopt};
  Change quiet_route = make_change(ChangeKind::remove, model::ResourceKind::route, "busy", "r");
  quiet_route.impact = TrafficImpact{"24h", true, 500, 3, 10};
  Change unknown = make_change(ChangeKind::remove, model::ResourceKind::gateway, "dark");
  unknown.impact = TrafficImpact{"24h", false, 0, 0, std::nullopt};
  Change update = make_change(ChangeKind::update, model::ResourceKind::gateway, "busy");
  update.impact = TrafficImpact{"24h", true, 900, 0, std::nullopt};
  plan.changes = {busy, quiet_route, unknown, update};
  const auto refusals = check_max_impact(plan, 100);
  ASSERT_EQ(refusals.size(), 2U);
  EXPECT_EQ(refusals[0], "gateway busy served 500 requests in the last 24h");
  EXPECT_EQ(refusals[1], "gateway dark: its traffic could not be read");
  EXPECT_TRUE(check_max_impact(plan, 1000).size() == 1U);
}

TEST(ImpactReader, WindowNames) {
  EXPECT_EQ(impact_window_length("1h"), hours(1));
  EXPECT_EQ(impact_window_length("24h"), hours(24));
  EXPECT_EQ(impact_window_length("7d"), hours(168));
  EXPECT_FALSE(impact_window_length("2w").has_value());
}

} // namespace
} // namespace aigw::engine
