// Convergence property: for many seeded random pairs of live and desired state, one apply
// of the plan leaves nothing to do: a fresh plan is empty and every declared object is live
// exactly once. Runs against the recording fake, through read_live, build_plan, apply_plan.

#include "engine/apply.h"
#include "engine/live_state.h"
#include "engine/planner.h"
#include "engine/route_versions.h"
#include "fakes/fake_gateway_api.h"
#include "model/kind_spec.h"
#include "model/resource_walk.h"

#include "apply_test_plans.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <random>

namespace aigw::test {
namespace {

constexpr int k_cases = 120;

/// Values for fields whose shape the field table does not give (objects and arrays with no
/// create default); a field with neither is left out of the random states.
const std::map<std::string_view, std::vector<model::Value>>& samples() {
  static const std::map<std::string_view, std::vector<model::Value>> k_samples = {
      {"guardrails",
       {model::Object{{"prompt", model::Object{{"S1", "BLOCK"}}}},
        model::Object{{"prompt", model::Object{{"S1", "FLAG"}}}}}},
      {"filters",
       {model::Array{},
        model::Array{model::Object{
            {"key", "success"}, {"operator", "eq"}, {"value", model::Array{false}}}}}},
  };
  return k_samples;
}

/// Draws random resources of every kind in the kind table (model/kind_spec) from small
/// pools of names, so that live and desired overlap; fields come from each kind's field
/// table. A new kind whose API fields are in its field table is covered with no new code.
class RandomState {
public:
  explicit RandomState(std::uint64_t seed) : m_random(seed) {}

  bool coin() { return pick(2) == 0; }
  std::size_t pick(std::size_t n) { return pick(m_random, n); }

  /// A random desired state: each declaring flag (`billing:`, `custom_providers:`) by a
  /// coin, gateways from a pool of three, and objects of every kind under them.
  model::Desired desired() {
    model::Desired d;
    d.account_id = "acct";
    d.prune = coin();
    std::vector<bool model::Desired::*> flags; // one coin per flag (billing has two kinds)
    for (const auto& spec : model::all_kinds()) {
      if (spec.declared_by != nullptr &&
          std::find(flags.begin(), flags.end(), spec.declared_by) == flags.end()) {
        flags.push_back(spec.declared_by);
        d.*spec.declared_by = coin();
      }
    }
    add_random(d.resources, [&](const model::KindSpec& spec) {
      return spec.kind == model::ResourceKind::gateway ? pick(3) != 0 : coin();
    }, d);
    return d;
  }

  /// Seeds the fake with a random live state by applying a random desired state that
  /// declares every kind, so server ids and route versions are real; some routes also get
  /// an older version with other elements, as a redeploy candidate.
  void seed_live(FakeGatewayApi& api) {
    model::Desired seed;
    seed.account_id = "acct";
    for (const auto& spec : model::all_kinds()) {
      if (spec.declared_by != nullptr) {
        seed.*spec.declared_by = true;
      }
    }
    add_random(seed.resources, [&](const model::KindSpec&) { return coin(); }, seed);
    auto live = engine::read_live(api, engine::query_for(seed));
    ASSERT_TRUE(live.ok());
    engine::PlanOptions options;
    options.force = true;
    auto plan = engine::build_plan(seed, *live, options);
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    ASSERT_TRUE(engine::resolve_route_versions(api, plan.value(), 4).ok());
    ASSERT_TRUE(engine::apply_plan(api, plan.value(), {}).ok());
    for (const auto& route : api.state.routes) {
      if (coin()) {
        ASSERT_TRUE(api.create_route_version(route.gateway_id, route.server_id, elements()).ok());
      }
    }
  }

private:
  static std::size_t pick(std::mt19937_64& random, std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
  }

  /// A random value of a field from its table entry; nullopt when its shape is unknown.
  static std::optional<model::Value> random_value(std::mt19937_64& random,
                                                  const model::FieldSpec& spec) {
    using model::FieldType;
    if (auto it = samples().find(spec.name); it != samples().end()) {
      return it->second[pick(random, it->second.size())];
    }
    switch (spec.type) {
    case FieldType::boolean: return model::Value(pick(random, 2) == 0);
    case FieldType::number: {
      const double low = spec.min.value_or(0);
      const double value = std::min(low + static_cast<double>(pick(random, 3)), spec.max.value_or(low + 2));
      return model::Value(static_cast<int>(value));
    }
    case FieldType::enumeration: return model::Value(std::string(spec.enum_values[pick(random, spec.enum_values.size())]));
    case FieldType::string: {
      const auto length = static_cast<std::size_t>(spec.min.value_or(1));
      return model::Value(std::string(length, pick(random, 2) == 0 ? 'a' : 'b'));
    }
    case FieldType::object:
    case FieldType::array:
    case FieldType::map:
    case FieldType::scalar:
    case FieldType::any: break;
    }
    return spec.create_default;
  }

  /// Random fields of a kind: every required field, the others by a coin. A kind the API
  /// can neither update nor delete gets fields fixed by its identity: a differing live
  /// object would be drift no apply can fix (tested elsewhere).
  model::Object random_fields(const model::KindSpec& spec, const model::ResourceKey& key) {
    const bool fixed = spec.update == model::UpdateMethod::none && !spec.can_delete;
    std::mt19937_64 by_identity(std::hash<std::string>{}(key.address()));
    std::mt19937_64& random = fixed ? by_identity : m_random;
    model::Object out;
    for (const auto& field : spec.fields) {
      if (field.read_only || field.sensitive || !(field.required_on_create || pick(random, 2) == 0)) {
        continue;
      }
      if (auto value = random_value(random, field)) {
        out.emplace(std::string(field.name), std::move(*value));
      }
    }
    return out;
  }

  std::vector<model::RouteElement> elements() { return route_graph("m" + std::to_string(pick(3))); }

  /// The keys an object of a kind may have: gateways gw-0..gw-2; children under each of
  /// `gateways`; account-level objects from a pool of two names per identity part.
  static std::vector<model::ResourceKey> candidate_keys(const model::KindSpec& spec,
                                                        const std::vector<std::string>& gateways) {
    if (spec.kind == model::ResourceKind::gateway) {
      return {{spec.kind, "gw-0", {}}, {spec.kind, "gw-1", {}}, {spec.kind, "gw-2", {}}};
    }
    std::vector<std::vector<std::string>> parts{{}};
    for (std::size_t i = 0; i < spec.key_part_count(); ++i) {
      std::vector<std::vector<std::string>> longer;
      for (const auto& p : parts) {
        for (const char* name : {"n0", "n1"}) {
          longer.push_back(p);
          longer.back().emplace_back(name);
        }
      }
      parts = std::move(longer);
    }
    std::vector<model::ResourceKey> out;
    const std::vector<std::string> parents =
        spec.parent == model::Parent::gateway ? gateways : std::vector<std::string>{""};
    for (const auto& parent : parents) {
      for (const auto& p : parts) {
        out.push_back({spec.kind, parent, p});
      }
    }
    return out;
  }

  /// Adds objects of every kind the state manages, each candidate key when take(spec) says
  /// so; then what a kind holds besides its fields (route elements, provider secrets).
  template <class Take>
  void add_random(model::Resources& r, Take take, const model::Desired& d) {
    for (const auto& spec : model::all_kinds()) {
      if (!model::is_declared(d, spec)) {
        continue;
      }
      std::vector<std::string> gateways;
      for (const auto& g : r.gateways) {
        gateways.push_back(g.id);
      }
      for (const auto& key : candidate_keys(spec, gateways)) {
        if (take(spec)) {
          model::add_resource(r, key, random_fields(spec, key));
        }
      }
    }
    for (auto& route : r.routes) {
      route.elements = elements();
    }
    for (auto& config : r.provider_configs) {
      config.secret = Secret("sk-convergence-secret");
      config.secret_env = "KEY";
    }
  }

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
  model::for_each_resource(live, [&](const auto& item) { ++seen[model::key_of(item)]; });
  for (const auto& [key, n] : seen) {
    EXPECT_EQ(n, 1) << key.address();
  }
}

TEST(ApplyConvergence, OneApplyLeavesAnEmptyPlanForRandomLiveAndDesiredStates) {
  std::map<std::string, int> kinds_seen; // the cases must exercise every kind of change
  std::map<model::ResourceKind, int> resources_seen; // ... and change every kind of object
  for (int seed = 0; seed < k_cases; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    RandomState random(static_cast<std::uint64_t>(seed));
    FakeGatewayApi api;
    random.seed_live(api);
    const auto desired = random.desired();
    const auto plan = plan_for(api, desired);
    for (const auto& change : plan.changes) {
      ++kinds_seen[std::string(engine::change_kind_name(change.kind))];
      ++resources_seen[change.resource];
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
  for (const auto& spec : model::all_kinds()) {
    EXPECT_GT(resources_seen[spec.kind], 0) << spec.name;
  }
}

} // namespace
} // namespace aigw::test
