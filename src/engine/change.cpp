#include "engine/change.h"
#include "engine/plan.h"

namespace aigw::engine {

std::string_view change_kind_name(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::create: return "create";
  case ChangeKind::update: return "update";
  case ChangeKind::remove: return "delete";
  case ChangeKind::deploy_new_version: return "deploy_new_version";
  case ChangeKind::redeploy_version: return "redeploy_version";
  case ChangeKind::cannot_fix: return "cannot_fix";
  case ChangeKind::replace: return "replace";
  }
  return "unknown";
}

PlanCounts Plan::counts() const {
  PlanCounts c;
  for (const auto& change : changes) {
    switch (change.kind) {
    case ChangeKind::create: ++c.create; break;
    case ChangeKind::update:
    case ChangeKind::deploy_new_version:
    case ChangeKind::redeploy_version: ++c.update; break;
    case ChangeKind::remove: ++c.remove; break;
    case ChangeKind::cannot_fix: ++c.cannot_fix; break;
    case ChangeKind::replace: // Terraform's count: a replace is one delete and one create
      ++c.create;
      ++c.remove;
      break;
    }
  }
  return c;
}

bool Plan::has_changes() const {
  for (const auto& change : changes) {
    if (change.kind != ChangeKind::cannot_fix) {
      return true;
    }
  }
  return false;
}

} // namespace aigw::engine
