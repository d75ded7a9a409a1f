#pragma once
// The one declared table of resource kinds (decK's entity table): per kind its names, its
// parent, identity, what the API can do with it, its field table and its place in the
// order of changes. Code that treats kinds alike loops over all_kinds() or looks a kind up
// with kind_spec(); only behaviour one kind alone has lives in its own file.

#include "model/field_spec.h"
#include "model/resources.h"

#include <span>
#include <string_view>

namespace aigw::model {

/// What a kind belongs to: the account, or one gateway (listed per gateway, deleted with it).
enum class Parent { account, gateway };

/// How the API changes an existing object of a kind.
enum class UpdateMethod {
  none,  ///< it cannot: a difference is drift (or, if the kind can be deleted, a replace)
  put,   ///< a full-body PUT
  post,  ///< a POST that sets the whole object (billing singletons)
  patch, ///< a PATCH of the name only (routes; their elements change by versions)
};

struct KindSpec {
  ResourceKind kind = ResourceKind::gateway;
  std::string_view name;     ///< human name: "provider config"
  std::string_view label;    ///< machine name (metric labels): "provider_config"
  std::string_view yaml_key; ///< the key listing it under its YAML parent: "provider_configs"
  Parent parent = Parent::account;
  bool singleton = false; ///< at most one per account (no identity of its own)
  bool billing = false;   ///< an account billing setting, managed only with `billing:`
  /// The API fields naming one object within its parent ({"provider_slug", "alias"}). A
  /// gateway's one field, `id`, is its ResourceKey's gateway_id; the others are its parts.
  std::span<const std::string_view> identity;
  bool can_create = true;
  UpdateMethod update = UpdateMethod::none;
  bool can_delete = true;
  /// The create call accepts fewer fields than an update: a follow-up update sets the rest.
  bool create_takes_fewer_fields = false;
  std::span<const FieldSpec> fields; ///< field_specs(kind)
  int create_rank = 0; ///< creates and writes go in ascending rank (parents first)
  int delete_rank = 0; ///< deletes go in ascending rank (children first)
  /// The Desired flag that puts the kind under management (`billing:`, `custom_providers:`);
  /// nullptr: managed whenever its parent is.
  bool Desired::*declared_by = nullptr;

  /// How many ResourceKey::parts an object of this kind has.
  [[nodiscard]] std::size_t key_part_count() const;
};

/// The entry of one kind.
[[nodiscard]] const KindSpec& kind_spec(ResourceKind kind);

/// Every kind, in display order (the order of ResourceKind).
[[nodiscard]] std::span<const KindSpec> all_kinds();

/// True when desired manages the kind at all (its declaring flag is set, or it has none).
[[nodiscard]] bool is_declared(const Desired& desired, const KindSpec& spec);

/// The kind whose human name is `name`, or nullptr.
[[nodiscard]] const KindSpec* find_kind(std::string_view name);

} // namespace aigw::model
