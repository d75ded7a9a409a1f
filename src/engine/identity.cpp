#include "engine/identity.h"

#include "model/resource_key.h"

#include <map>
#include <string>
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
  for (const auto& g : live.gateways) {
    finder.see(model::key_of(g), g.id);
  }
  for (const auto& d : live.datasets) {
    finder.see(model::key_of(d), d.server_id);
  }
  for (const auto& c : live.provider_configs) {
    finder.see(model::key_of(c), c.server_id);
  }
  for (const auto& r : live.routes) {
    finder.see(model::key_of(r), r.server_id);
  }
  for (const auto& p : live.custom_providers) {
    finder.see(model::key_of(p), p.server_id);
  }
  auto details = finder.details();
  if (details.empty()) {
    return std::nullopt;
  }
  return PlanError{"live state has several objects with the same identity; aigw cannot tell "
                   "which one the configuration means: rename or delete the extra ones",
                   std::move(details)};
}

} // namespace aigw::engine
