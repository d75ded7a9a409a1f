#include "engine/identity.h"

#include <map>
#include <string>
#include <vector>

namespace aigw::engine {
namespace {

/// Records each (address -> server id) and reports the second and later holders.
class DuplicateFinder {
public:
  void see(const std::string& address, const std::string& server_id) {
    auto [it, inserted] = m_first.emplace(address, server_id);
    if (!inserted) {
      m_details.push_back(address + " (server ids " + it->second + " and " + server_id + ")");
    }
  }
  [[nodiscard]] std::vector<std::string> details() const { return m_details; }

private:
  std::map<std::string, std::string> m_first;
  std::vector<std::string> m_details;
};

} // namespace

std::optional<PlanError> check_live_identities(const model::Resources& live) {
  DuplicateFinder finder;
  for (const auto& g : live.gateways) {
    finder.see("gateway " + g.id, g.id);
  }
  for (const auto& d : live.datasets) {
    finder.see("dataset " + d.gateway_id + "/" + d.name, d.server_id);
  }
  for (const auto& c : live.provider_configs) {
    finder.see("provider config " + c.gateway_id + "/" + c.provider_slug + "/" + c.alias,
               c.server_id);
  }
  for (const auto& r : live.routes) {
    finder.see("route " + r.gateway_id + "/" + r.name, r.server_id);
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
