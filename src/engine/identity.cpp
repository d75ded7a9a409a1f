#include "engine/identity.h"

#include "model/resource_key.h"
#include "model/resource_walk.h"

#include <map>
#include <string>
#include <type_traits>
#include <vector>

namespace aigw::engine {
namespace {

/// Records each (address -> server id) and reports the second and later holders.
class DuplicateFinder {
public:
  void see(const model::ResourceKey& key, const std::string& server_id) {
    auto [it, inserted] = m_first.emplace(key, server_id);
    if (!inserted) {
      m_details.push_back(key.address() + " (server ids " + it->second + " and " + server_id + ")");
    }
  }
  [[nodiscard]] std::vector<std::string> details() const { return m_details; }

private:
  std::map<model::ResourceKey, std::string> m_first;
  std::vector<std::string> m_details;
};

} // namespace

std::optional<PlanError> check_live_identities(const model::Resources& live) {
  DuplicateFinder finder;
  model::for_each_resource(live, [&finder](const auto& resource) {
    if constexpr (std::is_same_v<std::decay_t<decltype(resource)>, model::Gateway>) {
      finder.see(model::key_of(resource), resource.id);
    } else if constexpr (requires { resource.server_id; }) {
      finder.see(model::key_of(resource), resource.server_id);
    } // a singleton is one object by construction
  });
  auto details = finder.details();
  if (details.empty()) {
    return std::nullopt;
  }
  return PlanError{"live state has several objects with the same identity; aigw cannot tell "
                   "which one the configuration means: rename or delete the extra ones",
                   std::move(details)};
}

} // namespace aigw::engine
