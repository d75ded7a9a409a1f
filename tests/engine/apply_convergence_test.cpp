// Convergence property: for many seeded random pairs of live and desired state, one apply
// of the plan leaves nothing to do: a fresh plan is empty and every declared object is live
// exactly once. Runs against the recording fake, through read_live, build_plan, apply_plan.

#include "engine/apply.h"
#include "engine/live_state.h"
#include "engine/planner.h"
#include "engine/route_versions.h"
#include "fakes/fake_gateway_api.h"

#include "apply_test_plans.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace aigw::test {
namespace {

constexpr int k_cases = 120;

/// Draws random resources from small pools of names, so that live and desired overlap.
class RandomState {
public:
  explicit RandomState(std::uint64_t seed) : m_random(seed) {}

  bool coin() { return pick(2) == 0; }
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_random);
  }

  model::Object gateway_fields() {
    model::Object f;
    if (coin()) f["cache_ttl"] = static_cast<int>(pick(3) * 60);
    if (coin()) f["collect_logs"] = coin();
    if (coin()) f["rate_limiting_technique"] = coin() ? "fixed" : "sliding";
    if (coin()) f["retry_max_attempts"] = static_cast<int>(1 + pick(5));
    if (pick(3) == 0) {
      f["guardrails"] = model::Object{{"prompt", model::Object{{"S1", coin() ? "BLOCK" : "FLAG"}}}};
    }
    return f;
  }

  model::Object dataset_fields() {
    model::Array filters;
    if (coin()) {
      filters.push_back(model::Object{
          {"key", "success"}, {"operator", "eq"}, {"value", model::Array{coin()}}});
    }
    return {{"enable", coin()}, {"filters", std::move(filters)}};
  }

  model::Object custom_provider_fields() {
    return {{"name", "Custom"}, {"base_url", coin() ? "https://a.example" : "https://b.example"}};
  }

  std::vector<model::RouteElement> elements() { return route_graph("m" + std::to_string(pick(3))); }

  /// Provider config fields are a function of the identity: the API cannot change them, so
  /// a differing live config would be drift no apply can fix (tested elsewhere).
  static model::Object provider_fields(const std::string& slug) {
    return {{"default_config", slug == "openai"}};
  }

  model::Desired desired() {
    model::Desired d;
    d.account_id = "acct";
    d.prune = coin();
    auto& r = d.resources;
    for (int g = 0; g < 3; ++g) {
      if (pick(3) == 0) continue;
      const auto id = "gw-" + std::to_string(g);
      r.gateways.push_back({id, gateway_fields(), {}});
      for (int n = 0; n < 3; ++n) {
        if (coin()) {
          r.datasets.push_back({id, "ds" + std::to_string(n), "", dataset_fields(), {}});
        }
        if (n < 2 && coin()) {
          r.routes.push_back({id, "rt" + std::to_string(n), "", elements(), "", {}});
        }
      }
      for (const char* slug : {"openai", "anthropic"}) {
        if (coin()) {
          model::ProviderConfig c{id, slug, "main", "", provider_fields(slug), {}, "KEY", {}};
          c.secret = Secret("sk-convergence-secret");
          r.provider_configs.push_back(std::move(c));
        }
      }
    }
    d.custom_providers_declared = coin();
    for (int n = 0; d.custom_providers_declared && n < 2; ++n) {
      if (coin()) {
        model::CustomProvider p;
        p.slug = "cp" + std::to_string(n);
        p.fields = custom_provider_fields();
        r.custom_providers.push_back(std::move(p));
      }
    }
    d.billing_declared = coin();
    if (d.billing_declared && coin()) {
      r.spending_limit = model::SpendingLimit{
          {{"amount", static_cast<int>(100 + pick(3) * 100)}, {"duration", "monthly"},
           {"strategy", "fixed"}},
          {}};
    }
    if (d.billing_declared && coin()) {
      const auto threshold = static_cast<int>(500 + pick(2) * 500);
      r.auto_topup = model::AutoTopup{{{"amount", 5000}, {"threshold", threshold}}, {}};
    }
    return d;
  }

  /// Seeds the fake with a random live state through its own API, so server ids and route
  /// versions are real.
  void seed_live(FakeGatewayApi& api) {
    for (int g = 0; g < 3; ++g) {
      if (coin()) continue;
      const auto id = "gw-" + std::to_string(g);
      ASSERT_TRUE(api.create_gateway({id, gateway_fields(), {}}).ok());
      for (int n = 0; n < 3; ++n) {
        if (coin()) {
          const model::Dataset ds{id, "ds" + std::to_string(n), "", dataset_fields(), {}};
          ASSERT_TRUE(api.create_dataset(ds).ok());
        }
        if (n < 2 && coin()) {
          auto route = api.create_route({id, "rt" + std::to_string(n), "", elements(), "", {}});
          ASSERT_TRUE(route.ok());
          if (coin()) { // an older version with other elements, as a redeploy candidate
            ASSERT_TRUE(api.create_route_version(id, route->server_id, elements()).ok());
          }
        }
      }
      for (const char* slug : {"openai", "anthropic"}) {
        if (coin()) {
          const model::ProviderConfig c{id,  slug, "main", "", provider_fields(slug),
                                        Secret("sk-live-secret"), "", {}};
          ASSERT_TRUE(api.create_provider_config(c).ok());
        }
      }
    }
    for (int n = 0; n < 2; ++n) {
      if (coin()) {
        model::CustomProvider p;
        p.slug = "cp" + std::to_string(n);
        p.fields = custom_provider_fields();
        ASSERT_TRUE(api.create_custom_provider(p).ok());
      }
    }
    if (coin()) {
      const model::Object limit{{"amount", 300}, {"duration", "daily"}, {"strategy", "sliding"}};
      ASSERT_TRUE(api.set_spending_limit({limit, {}}).ok());
    }
    if (coin()) {
      ASSERT_TRUE(api.set_auto_topup({{{"amount", 5000}, {"threshold", 500}}, {}}).ok());
    }
  }

private:
  std::mt19937_64 m_random;
};

engine::Plan plan_for(FakeGatewayApi& api, const model::Desired& desired) {
  auto live = engine::read_live(api, engine::query_for(desired));
  EXPECT_TRUE(live.ok());
  engine::PlanOptions options;
  options.force = true;
  auto plan = engine::build_plan(desired, *live, options);
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message);
  if (!plan.ok()) {
    return {};
  }
  EXPECT_TRUE(engine::resolve_route_versions(api, plan.value(), 4).ok());
  return plan.value();
}

/// Every declared identity exists exactly once live.
void expect_no_duplicates(const model::Resources& live) {
  std::map<model::ResourceKey, int> seen;
  auto count = [&](const auto& items) {
    for (const auto& item : items) ++seen[model::key_of(item)];
  };
  count(live.gateways);
  count(live.datasets);
  count(live.routes);
  count(live.provider_configs);
  count(live.custom_providers);
  for (const auto& [key, n] : seen) {
    EXPECT_EQ(n, 1) << key.address();
  }
}

TEST(ApplyConvergence, OneApplyLeavesAnEmptyPlanForRandomLiveAndDesiredStates) {
  std::map<std::string, int> kinds_seen; // the cases must exercise every kind of change
  for (int seed = 0; seed < k_cases; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    RandomState random(static_cast<std::uint64_t>(seed));
    FakeGatewayApi api;
    random.seed_live(api);
    const auto desired = random.desired();
    const auto plan = plan_for(api, desired);
    for (const auto& change : plan.changes) {
      ++kinds_seen[std::string(engine::change_kind_name(change.kind))];
    }
    engine::ApplyOptions options;
    options.parallelism = 1 + static_cast<int>(random.pick(8));
    const auto report = engine::apply_plan(api, plan, options);
    ASSERT_TRUE(report.ok()) << report.failed << " failed, " << report.skipped << " skipped";
    const auto again = plan_for(api, desired);
    EXPECT_TRUE(again.changes.empty()) << again.changes.size() << " changes, first: "
                                       << (again.changes.empty() ? "" : again.changes[0].address());
    expect_no_duplicates(api.state);
  }
  for (const char* kind :
       {"create", "update", "delete", "deploy_new_version", "redeploy_version", "replace"}) {
    EXPECT_GT(kinds_seen[kind], 0) << kind;
  }
}

} // namespace
} // namespace aigw::test
