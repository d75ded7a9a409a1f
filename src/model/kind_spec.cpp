#include "model/kind_spec.h"

#include <array>
#include <vector>

namespace aigw::model {
namespace {

constexpr std::array<std::string_view, 1> k_id = {"id"};
constexpr std::array<std::string_view, 1> k_name = {"name"};
constexpr std::array<std::string_view, 2> k_slug_alias = {"provider_slug", "alias"};
constexpr std::array<std::string_view, 1> k_slug = {"slug"};

constexpr int k_parent_rank = 0;
constexpr int k_child_rank = 1;

std::vector<KindSpec> build_table() {
  using K = ResourceKind;
  std::vector<KindSpec> t;
  t.push_back({.kind = K::gateway,
               .name = "gateway",
               .label = "gateway",
               .yaml_key = "gateways",
               .identity = k_id,
               .update = UpdateMethod::put,
               .create_takes_fewer_fields = true,
               .create_rank = k_parent_rank,
               .delete_rank = k_child_rank});
  t.push_back({.kind = K::dataset,
               .name = "dataset",
               .label = "dataset",
               .yaml_key = "datasets",
               .parent = Parent::gateway,
               .identity = k_name,
               .update = UpdateMethod::put,
               .create_rank = k_child_rank,
               .delete_rank = k_parent_rank});
  t.push_back({.kind = K::provider_config,
               .name = "provider config",
               .label = "provider_config",
               .yaml_key = "provider_configs",
               .parent = Parent::gateway,
               .identity = k_slug_alias,
               .can_delete = false,
               .create_rank = k_child_rank,
               .delete_rank = k_parent_rank});
  t.push_back({.kind = K::route,
               .name = "route",
               .label = "route",
               .yaml_key = "routes",
               .parent = Parent::gateway,
               .identity = k_name,
               .update = UpdateMethod::patch,
               .create_rank = k_child_rank,
               .delete_rank = k_parent_rank});
  t.push_back({.kind = K::spending_limit,
               .name = "spending limit",
               .label = "spending_limit",
               .yaml_key = "spending_limit",
               .singleton = true,
               .billing = true,
               .update = UpdateMethod::post,
               .declared_by = &Desired::billing_declared});
  t.push_back({.kind = K::auto_topup,
               .name = "auto top-up",
               .label = "auto_topup",
               .yaml_key = "auto_topup",
               .singleton = true,
               .billing = true,
               .update = UpdateMethod::post,
               .declared_by = &Desired::billing_declared});
  t.push_back({.kind = K::custom_provider,
               .name = "custom provider",
               .label = "custom_provider",
               .yaml_key = "custom_providers",
               .identity = k_slug,
               .declared_by = &Desired::custom_providers_declared});
  for (auto& spec : t) {
    spec.fields = field_specs(spec.kind);
  }
  return t;
}

const std::vector<KindSpec>& table() {
  static const std::vector<KindSpec> k_table = build_table();
  return k_table;
}

} // namespace

std::size_t KindSpec::key_part_count() const {
  return kind == ResourceKind::gateway ? 0 : identity.size();
}

const KindSpec& kind_spec(ResourceKind kind) {
  // The table is in ResourceKind order (kind_spec_test checks it).
  return table().at(static_cast<std::size_t>(kind));
}

std::span<const KindSpec> all_kinds() { return table(); }

bool is_declared(const Desired& desired, const KindSpec& spec) {
  return spec.declared_by == nullptr || desired.*spec.declared_by;
}

const KindSpec* find_kind(std::string_view name) {
  for (const auto& spec : table()) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

std::string_view resource_kind_name(ResourceKind kind) { return kind_spec(kind).name; }

} // namespace aigw::model
