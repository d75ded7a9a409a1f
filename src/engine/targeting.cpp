#include "engine/targeting.h"

#include <algorithm>

namespace aigw::engine {
namespace {

template <class T>
void keep_targeted(std::vector<T>& items, const std::vector<std::string>& targets) {
  std::erase_if(items, [&](const T& item) { return !is_targeted(targets, item.gateway_id); });
}

} // namespace

bool is_targeted(const std::vector<std::string>& targets, const std::string& id) {
  return model::in_scope(targets, id);
}

model::Desired restrict_to_targets(model::Desired desired, const std::vector<std::string>& targets) {
  if (targets.empty()) {
    return desired;
  }
  auto& r = desired.resources;
  std::erase_if(r.gateways,
                [&](const model::Gateway& g) { return !is_targeted(targets, g.id); });
  keep_targeted(r.datasets, targets);
  keep_targeted(r.provider_configs, targets);
  keep_targeted(r.routes, targets);
  r.spending_limit.reset();
  r.auto_topup.reset();
  desired.billing_declared = false;
  desired.spending_limit_absent = false;
  desired.auto_topup_absent = false;
  r.custom_providers.clear();
  desired.custom_providers_declared = false;
  return desired;
}

std::string targeting_warning(const std::vector<std::string>& targets) {
  std::string globs;
  for (const auto& t : targets) {
    globs += (globs.empty() ? "" : ", ") + t;
  }
  return "targeted run (--gateway " + globs +
         "): only matching gateways and their children were planned; other gateways and "
         "account-level resources (billing) were left out";
}

} // namespace aigw::engine
