#pragma once
// ResourceKey: the one typed identity of a resource. Every place that matches, orders,
// fingerprints or names a resource uses it; nothing builds an identity string by hand or
// splits one apart.

#include "model/field_spec.h"
#include "model/resources.h"

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aigw::model {

struct ResourceKey {
  ResourceKind kind = ResourceKind::gateway;
  /// The gateway: its own id for a gateway, its parent's for a child; "" at account level.
  std::string gateway_id;
  /// Identity within the parent: {name} for datasets and routes, {slug, alias} for
  /// provider configs, {} for gateways and singletons.
  std::vector<std::string> parts;

  /// "gateway support-bot", "dataset support-bot/failures", "spending limit". A segment
  /// holding `/`, `"` or `\` is quoted ("a/b" as `"a/b"`), so two keys never share one.
  [[nodiscard]] std::string address() const;
  /// The parts alone, joined and quoted as in address(): "openai/main".
  [[nodiscard]] std::string local() const;

  friend auto operator<=>(const ResourceKey&, const ResourceKey&) = default;
  friend bool operator==(const ResourceKey&, const ResourceKey&) = default;
};

/// Parses local(): the parts, or nullopt when a quote is not closed or text follows one.
[[nodiscard]] std::optional<std::vector<std::string>> parse_key_parts(std::string_view text);

/// The key of each resource type.
[[nodiscard]] ResourceKey key_of(const Gateway& gateway);
[[nodiscard]] ResourceKey key_of(const Dataset& dataset);
[[nodiscard]] ResourceKey key_of(const ProviderConfig& config);
[[nodiscard]] ResourceKey key_of(const Route& route);
[[nodiscard]] ResourceKey key_of(const CustomProvider& provider);
[[nodiscard]] ResourceKey key_of(const SpendingLimit& limit);
[[nodiscard]] ResourceKey key_of(const AutoTopup& topup);

} // namespace aigw::model
