// The kind table is consistent: one entry per ResourceKind, in enum order, and its columns
// agree with each other, with the field tables and with how Resources holds each kind.

#include "model/kind_spec.h"
#include "model/resource_key.h"
#include "model/resource_walk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace aigw::model {
namespace {

/// Every enumerator, once: with -Wswitch (warnings are errors) a new ResourceKind fails to
/// build here until it is listed, and then the tests below demand its table entry.
bool is_enumerator(ResourceKind kind) {
  switch (kind) {
  case ResourceKind::gateway:
  case ResourceKind::dataset:
  case ResourceKind::provider_config:
  case ResourceKind::route:
  case ResourceKind::spending_limit:
  case ResourceKind::auto_topup:
  case ResourceKind::custom_provider: return true;
  }
  return false;
}

constexpr ResourceKind k_last = ResourceKind::custom_provider;

/// The key of one object of a kind: under gateway "gw" when the kind is the gateway or
/// one of its children, with as many parts as the kind's identity names.
ResourceKey sample_key(const KindSpec& spec, const std::string& part) {
  const bool under_gateway = spec.kind == ResourceKind::gateway || spec.parent == Parent::gateway;
  return {spec.kind, under_gateway ? "gw" : "", std::vector<std::string>(spec.key_part_count(), part)};
}

/// One resource of every kind, added through add_resource.
Resources one_of_each() {
  Resources r;
  for (const auto& spec : all_kinds()) {
    add_resource(r, sample_key(spec, "x"), {});
  }
  return r;
}

TEST(KindSpec, OneEntryPerKindInEnumOrder) {
  const auto kinds = all_kinds();
  ASSERT_EQ(kinds.size(), static_cast<std::size_t>(k_last) + 1);
  std::set<ResourceKind> seen;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(kinds[i].kind), i);
    EXPECT_TRUE(is_enumerator(kinds[i].kind));
    EXPECT_TRUE(seen.insert(kinds[i].kind).second) << kinds[i].name;
    EXPECT_EQ(&kind_spec(kinds[i].kind), &kinds[i]);
  }
}

TEST(KindSpec, NamesAndYamlKeysAreUniqueAndFindable) {
  std::set<std::string_view> names;
  std::set<std::string_view> keys;
  std::set<std::string_view> labels;
  for (const auto& spec : all_kinds()) {
    EXPECT_FALSE(spec.name.empty());
    EXPECT_TRUE(labels.insert(spec.label).second) << spec.label;
    EXPECT_EQ(spec.label.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string_view::npos)
        << spec.label;
    EXPECT_FALSE(spec.yaml_key.empty()) << spec.name;
    EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
    EXPECT_TRUE(keys.insert(spec.yaml_key).second) << spec.yaml_key;
    EXPECT_EQ(resource_kind_name(spec.kind), spec.name);
    EXPECT_EQ(find_kind(spec.name), &spec);
  }
  EXPECT_EQ(find_kind("no such kind"), nullptr);
}

TEST(KindSpec, GatewayChildrenNameTheGatewayAndOrderAroundIt) {
  const auto& gateway = kind_spec(ResourceKind::gateway);
  EXPECT_EQ(gateway.parent, Parent::account);
  std::size_t children = 0;
  for (const auto& spec : all_kinds()) {
    if (spec.parent != Parent::gateway) {
      continue;
    }
    ++children;
    EXPECT_FALSE(spec.singleton) << spec.name;
    EXPECT_FALSE(spec.billing) << spec.name;
    EXPECT_EQ(spec.declared_by, nullptr) << spec.name << " is managed with its gateway";
    EXPECT_GT(spec.create_rank, gateway.create_rank) << spec.name << ": created after its parent";
    EXPECT_LT(spec.delete_rank, gateway.delete_rank) << spec.name << ": deleted before its parent";
  }
  EXPECT_GT(children, 0u);
}

TEST(KindSpec, SingletonsHaveNoIdentityAndOthersDo) {
  for (const auto& spec : all_kinds()) {
    if (spec.singleton) {
      EXPECT_TRUE(spec.identity.empty()) << spec.name;
      EXPECT_EQ(spec.parent, Parent::account) << spec.name;
      EXPECT_EQ(spec.key_part_count(), 0u) << spec.name;
    } else {
      EXPECT_FALSE(spec.identity.empty()) << spec.name;
    }
    if (spec.billing) {
      EXPECT_TRUE(spec.singleton) << spec.name;
      EXPECT_EQ(spec.declared_by, &Desired::billing_declared) << spec.name;
    }
  }
}

TEST(KindSpec, FieldTablesAndCreateColumnsAgree) {
  for (const auto& spec : all_kinds()) {
    EXPECT_EQ(spec.fields.data(), field_specs(spec.kind).data()) << spec.name;
    EXPECT_EQ(spec.fields.size(), field_specs(spec.kind).size()) << spec.name;
    const bool create_refuses_some = std::any_of(
        spec.fields.begin(), spec.fields.end(),
        [](const FieldSpec& f) { return !f.accepted_on_create && !f.read_only; });
    EXPECT_EQ(spec.create_takes_fewer_fields, create_refuses_some) << spec.name;
    EXPECT_TRUE(spec.can_create) << spec.name << ": aigw cannot bring it into existence";
    if (spec.create_takes_fewer_fields) {
      EXPECT_NE(spec.update, UpdateMethod::none) << spec.name << ": nothing sets the rest";
    }
  }
}

TEST(KindSpec, ResourcesHoldEveryKindOnceWithItsKeyShape) {
  std::vector<ResourceKind> visited;
  for_each_resource(one_of_each(), [&](const auto& resource) {
    const auto key = key_of(resource);
    visited.push_back(key.kind);
    EXPECT_EQ(key.parts.size(), kind_spec(key.kind).key_part_count()) << key.address();
    EXPECT_EQ(key.gateway_id.empty(), kind_spec(key.kind).parent == Parent::account &&
                                          key.kind != ResourceKind::gateway)
        << key.address();
  });
  std::vector<ResourceKind> expected;
  for (const auto& spec : all_kinds()) {
    expected.push_back(spec.kind);
  }
  EXPECT_EQ(visited, expected);
}

TEST(KindSpec, AddResourceMakesTheObjectItsKeyNames) {
  for (const auto& spec : all_kinds()) {
    Resources r;
    const auto key = sample_key(spec, "a/b");
    add_resource(r, key, {{"marker", true}});
    std::size_t n = 0;
    for_each_resource(r, [&](const auto& resource) {
      EXPECT_EQ(key_of(resource), key) << spec.name;
      if constexpr (requires { resource.fields; }) { // a route's content is its elements
        EXPECT_EQ(resource.fields.at("marker"), Value(true)) << spec.name;
      }
      ++n;
    });
    EXPECT_EQ(n, 1u) << spec.name;
    EXPECT_EQ(count_of(r, spec.kind), 1u) << spec.name;
  }
}

TEST(KindSpec, AppendResourcesMovesEveryKind) {
  Resources into = one_of_each();
  append_resources(into, one_of_each());
  std::map<ResourceKind, int> count;
  for_each_resource(into, [&](const auto& resource) { ++count[key_of(resource).kind]; });
  for (const auto& spec : all_kinds()) {
    EXPECT_EQ(count[spec.kind], spec.singleton ? 1 : 2) << spec.name;
  }
}

} // namespace
} // namespace aigw::model
