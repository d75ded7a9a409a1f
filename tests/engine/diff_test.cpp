// Table-driven tests of the field diff: every field kind, sets, unmanaged fields, server
// defaults, number forms, nested objects.

#include "engine/field_diff.h"
#include "engine/normalize.h"

#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

using model::Array;
using model::Object;
using model::ResourceKind;
using model::Value;

struct DiffCase {
  const char* name;
  ResourceKind kind;
  Object desired;
  Object live;
  std::vector<std::string> expected_paths; ///< paths of the field changes, in order
};

std::vector<std::string> paths_of(const std::vector<FieldChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) {
    out.push_back(c.path);
  }
  return out;
}

Object filter(const char* key, const char* op, Array values) {
  return Object{{"key", key}, {"operator", op}, {"value", std::move(values)}};
}

const std::vector<DiffCase>& cases() {
  static const std::vector<DiffCase> table = {
      {"equal boolean", ResourceKind::gateway, {{"collect_logs", true}}, {{"collect_logs", true}}, {}},
      {"changed boolean", ResourceKind::gateway, {{"collect_logs", false}}, {{"collect_logs", true}},
       {"collect_logs"}},
      {"integer and float forms", ResourceKind::gateway, {{"cache_ttl", 300}}, {{"cache_ttl", 300.0}}, {}},
      {"changed number", ResourceKind::gateway, {{"cache_ttl", 300}}, {{"cache_ttl", 301}}, {"cache_ttl"}},
      {"changed enum", ResourceKind::gateway, {{"rate_limiting_technique", "sliding"}},
       {{"rate_limiting_technique", "fixed"}}, {"rate_limiting_technique"}},
      {"changed string", ResourceKind::gateway, {{"store_id", "a"}}, {{"store_id", "b"}}, {"store_id"}},
      {"omitted field is unmanaged", ResourceKind::gateway, {},
       {{"cache_ttl", 300}, {"log_management", 10000}}, {}},
      {"server default shown live, not declared", ResourceKind::gateway, {{"cache_ttl", 0}},
       {{"cache_ttl", 0}, {"retry_backoff", "constant"}}, {}},
      {"declared field absent live", ResourceKind::gateway, {{"zdr", true}}, {}, {"zdr"}},
      {"read-only fields never diff", ResourceKind::gateway, {{"created_at", "x"}},
       {{"created_at", "y"}}, {}},
      {"unknown live field never diffs", ResourceKind::gateway, {{"cache_ttl", 1}},
       {{"cache_ttl", 1}, {"future_field", "x"}}, {}},
      {"nested object by key", ResourceKind::gateway,
       {{"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}}}},
       {{"guardrails", Object{{"prompt", Object{{"S1", "FLAG"}}}}}}, {"guardrails.prompt.S1"}},
      {"nested object managed whole", ResourceKind::gateway,
       {{"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}}}},
       {{"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}, {"S2", "FLAG"}}}}}},
       {"guardrails.prompt.S2"}},
      {"nested null equals absent", ResourceKind::gateway,
       {{"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}, {"S2", nullptr}}}}}},
       {{"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}}}}, {}},
      {"nested empty object equals absent", ResourceKind::gateway,
       {{"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}}}},
       {{"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}, {"response", Object{}}}}}, {}},
      {"nested empty array equals absent", ResourceKind::gateway,
       {{"dlp", Object{{"enabled", true}}}},
       {{"dlp", Object{{"enabled", true}, {"profiles", Array{}}}}}, {}},
      {"nested non-empty array is managed", ResourceKind::gateway,
       {{"dlp", Object{{"enabled", true}}}},
       {{"dlp", Object{{"enabled", true}, {"profiles", Array{"p"}}}}}, {"dlp.profiles"}},
      {"set-like profiles ignore order", ResourceKind::gateway,
       {{"dlp", Object{{"enabled", true}, {"action", "BLOCK"}, {"profiles", Array{"a", "b"}}}}},
       {{"dlp", Object{{"enabled", true}, {"action", "BLOCK"}, {"profiles", Array{"b", "a"}}}}}, {}},
      {"set-like profiles differ", ResourceKind::gateway,
       {{"dlp", Object{{"enabled", true}, {"profiles", Array{"a", "c"}}}}},
       {{"dlp", Object{{"enabled", true}, {"profiles", Array{"b", "a"}}}}}, {"dlp.profiles"}},
      {"otel exporters ignore order", ResourceKind::gateway,
       {{"otel", Array{Object{{"url", "https://a"}}, Object{{"url", "https://b"}}}}},
       {{"otel", Array{Object{{"url", "https://b"}}, Object{{"url", "https://a"}}}}}, {}},
      {"stripe usage events keep order", ResourceKind::gateway,
       {{"stripe", Object{{"usage_events", Array{Object{{"payload", "a"}}, Object{{"payload", "b"}}}}}}},
       {{"stripe", Object{{"usage_events", Array{Object{{"payload", "b"}}, Object{{"payload", "a"}}}}}}},
       {"stripe.usage_events[0].payload", "stripe.usage_events[1].payload"}},
      {"dataset filters are a set", ResourceKind::dataset,
       {{"filters", Array{filter("success", "eq", {false}), filter("cost", "gt", {1.0})}}},
       {{"filters", Array{filter("cost", "gt", {1}), filter("success", "eq", {false})}}}, {}},
      {"dataset filter values are a set", ResourceKind::dataset,
       {{"filters", Array{filter("model", "eq", {"a", "b"})}}},
       {{"filters", Array{filter("model", "eq", {"b", "a"})}}}, {}},
      {"dataset filter changed", ResourceKind::dataset,
       {{"filters", Array{filter("success", "eq", {true})}}},
       {{"filters", Array{filter("success", "eq", {false})}}}, {"filters[0].value"}},
      {"one filter of several changed", ResourceKind::dataset,
       {{"filters", Array{filter("cost", "gt", {1}), filter("success", "eq", {true})}}},
       {{"filters", Array{filter("success", "eq", {false}), filter("cost", "gt", {1})}}},
       {"filters[1].value"}},
      {"a filter added and one removed", ResourceKind::dataset,
       {{"filters", Array{filter("cost", "gt", {1}), filter("model", "eq", {"a"}),
                          filter("tokens", "gt", {5})}}},
       {{"filters", Array{filter("cost", "gt", {1}), filter("provider", "eq", {"x"})}}},
       {"filters[1].key", "filters[1].value", "filters[2]"}},
      {"keys with dots are quoted", ResourceKind::gateway,
       {{"guardrails", Object{{"prompt", Object{{"v1.2", "BLOCK"}}}}}},
       {{"guardrails", Object{{"prompt", Object{{"v1.2", "FLAG"}}}}}},
       {"guardrails.prompt.\"v1.2\""}},
      {"dataset enable", ResourceKind::dataset, {{"enable", false}}, {{"enable", true}}, {"enable"}},
      {"provider secret never diffs", ResourceKind::provider_config, {{"secret", "new"}},
       {{"secret_preview", "****"}}, {}},
      {"provider rate limit", ResourceKind::provider_config, {{"rate_limit", 10}},
       {{"rate_limit", 20}}, {"rate_limit"}},
      {"spending limit amount form", ResourceKind::spending_limit,
       {{"amount", 10000}, {"duration", "monthly"}},
       {{"amount", 10000.0}, {"duration", "monthly"}, {"strategy", "fixed"}}, {}},
  };
  return table;
}

TEST(DiffDeclared, TableOfFieldKinds) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(paths_of(diff_declared(c.kind, c.desired, c.live)), c.expected_paths);
  }
}

TEST(DiffDeclared, ChangesCarryOldAndNewValues) {
  auto diff = diff_declared(ResourceKind::gateway,
                            {{"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}}}},
                            {{"guardrails", Object{{"prompt", Object{{"S2", "FLAG"}}}}}});
  ASSERT_EQ(diff.size(), 2u);
  EXPECT_EQ(diff[0].path, "guardrails.prompt.S1");
  EXPECT_FALSE(diff[0].old_value.has_value());
  EXPECT_EQ(diff[0].new_value, Value("BLOCK"));
  EXPECT_EQ(diff[1].path, "guardrails.prompt.S2");
  EXPECT_EQ(diff[1].old_value, Value("FLAG"));
  EXPECT_FALSE(diff[1].new_value.has_value());
}

TEST(DescribeNew, MasksSensitiveFields) {
  auto diff = describe_new(ResourceKind::provider_config, {{"default_config", true}, {"secret", "sk-1"}});
  ASSERT_EQ(diff.size(), 2u);
  EXPECT_EQ(diff[1].path, "secret");
  EXPECT_TRUE(diff[1].sensitive);
  EXPECT_FALSE(diff[1].new_value.has_value());
}

TEST(DiffDeclared, CredentialsInsideGatewayFieldsAreMasked) {
  const Object desired{{"stripe", Object{{"authorization", "Bearer new-token"}}},
                       {"otel", Array{Object{{"url", "https://o"}, {"authorization", "otel-new"}}}}};
  const Object live{{"stripe", Object{{"authorization", "Bearer old-token"}}},
                    {"otel", Array{Object{{"url", "https://o"}, {"authorization", "otel-old"}}}}};
  auto diff = diff_declared(ResourceKind::gateway, desired, live);
  ASSERT_EQ(paths_of(diff),
            (std::vector<std::string>{"otel[0].authorization", "stripe.authorization"}));
  EXPECT_TRUE(diff[0].sensitive);
  EXPECT_TRUE(diff[1].sensitive);
  for (const auto& change : diff) {
    const std::string shown = change.old_value->to_json() + change.new_value->to_json();
    EXPECT_EQ(shown.find("token"), std::string::npos) << shown;
    EXPECT_EQ(shown.find("otel-"), std::string::npos) << shown;
  }
  auto created = describe_new(ResourceKind::gateway, desired);
  EXPECT_EQ(created[0].new_value->to_json().find("otel-new"), std::string::npos);
}

struct ElementCase {
  const char* name;
  std::vector<model::RouteElement> live;
  std::vector<model::RouteElement> desired;
  std::vector<std::string> expected_paths;
};

std::vector<model::RouteElement> graph(const char* model_name, Value retries = 2) {
  return {
      {"start", "start", {}, {{"next", Object{{"elementId", "primary"}}}}},
      {"primary", "model", {{"model", model_name}, {"retries", retries}},
       {{"success", Object{{"elementId", "end"}}}, {"fallback", Object{{"elementId", "end"}}}}},
      {"end", "end", {}, {}},
  };
}

template <class T> std::vector<T> reversed(std::vector<T> v) {
  std::reverse(v.begin(), v.end());
  return v;
}

TEST(DiffElements, GraphsEqualUpToOrder) {
  auto with_extra = graph("a");
  with_extra.push_back({"spare", "end", {}, {}});
  const std::vector<ElementCase> table = {
      {"same graph", graph("a"), graph("a"), {}},
      {"element order is irrelevant", graph("a"), reversed(graph("a")), {}},
      {"numbers by value", graph("a", 2), graph("a", 2.0), {}},
      {"property changed", graph("a"), graph("b"), {"elements.primary.properties.model"}},
      {"element added", graph("a"), with_extra, {"elements.spare"}},
      {"element removed", with_extra, reversed(graph("a")), {"elements.spare"}},
  };
  for (const auto& c : table) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(paths_of(diff_elements(c.live, c.desired)), c.expected_paths);
    EXPECT_EQ(elements_equal(c.live, c.desired), c.expected_paths.empty());
  }
}

TEST(DiffElements, OutputTargetChangeIsADifference) {
  auto changed = graph("a");
  changed[1].outputs["fallback"] = Object{{"elementId", "start"}};
  EXPECT_EQ(paths_of(diff_elements(graph("a"), changed)),
            std::vector<std::string>{"elements.primary.outputs.fallback.elementId"});
}

TEST(IsSetLike, TopLevelFromFieldTableAndNestedFromEngine) {
  EXPECT_TRUE(is_set_like(ResourceKind::dataset, "filters"));
  EXPECT_TRUE(is_set_like(ResourceKind::gateway, "dlp.profiles"));
  EXPECT_FALSE(is_set_like(ResourceKind::gateway, "stripe.usage_events"));
}

} // namespace
} // namespace aigw::engine
