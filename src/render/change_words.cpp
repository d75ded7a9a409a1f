#include "render/change_words.h"

#include "engine/safety.h"
#include "util/secret.h"

namespace aigw::render {
namespace {

std::string shown(const std::optional<model::Value>& value, bool sensitive) {
  if (sensitive) {
    return std::string(Secret::k_mask);
  }
  return value ? value->to_json() : "null";
}

} // namespace

std::string_view change_symbol(engine::ChangeKind kind) {
  switch (kind) {
  case engine::ChangeKind::create: return "+";
  case engine::ChangeKind::update:
  case engine::ChangeKind::deploy_new_version:
  case engine::ChangeKind::redeploy_version: return "~";
  case engine::ChangeKind::remove: return "-";
  case engine::ChangeKind::cannot_fix: return "!";
  case engine::ChangeKind::replace: return "-/+";
  }
  return "?";
}

std::string change_action(const engine::Change& change) {
  switch (change.kind) {
  case engine::ChangeKind::create: return "create";
  case engine::ChangeKind::update:
    return change.reason.empty() ? "update" : "update: " + change.reason;
  case engine::ChangeKind::remove:
    return change.reason.empty() ? "delete" : "delete: " + change.reason;
  case engine::ChangeKind::deploy_new_version: return "deploy a new version";
  case engine::ChangeKind::redeploy_version: return "redeploy version " + change.version_id;
  case engine::ChangeKind::cannot_fix: return "cannot fix: " + change.reason;
  case engine::ChangeKind::replace:
    return change.reason.empty() ? "replace" : "replace: " + change.reason;
  }
  return "unknown";
}

std::string change_phrase(const engine::Change& change) {
  switch (change.kind) {
  case engine::ChangeKind::create: return "create " + change.address();
  case engine::ChangeKind::update: return "update " + change.address();
  case engine::ChangeKind::remove: return "delete " + change.address();
  case engine::ChangeKind::deploy_new_version:
    return "deploy a new version of " + change.address();
  case engine::ChangeKind::redeploy_version:
    return "redeploy version " + change.version_id + " of " + change.address();
  case engine::ChangeKind::cannot_fix: return "leave " + change.address() + " (cannot fix)";
  case engine::ChangeKind::replace: return "replace " + change.address();
  }
  return change.address();
}

std::string counted(std::size_t n, std::string_view singular) {
  return std::to_string(n) + " " + std::string(singular) + (n == 1 ? "" : "s");
}

std::string field_line(const engine::FieldChange& field) {
  // A sensitive field carries no values at all: it is being set, and that is all we say.
  if (!field.old_value && (field.new_value || field.sensitive)) {
    return "+ " + field.path + " = " + shown(field.new_value, field.sensitive);
  }
  if (field.old_value && !field.new_value) {
    return "- " + field.path + " = " + shown(field.old_value, field.sensitive);
  }
  // Both sides masked would read "(sensitive) -> (sensitive)", as if nothing changed.
  if (field.sensitive) {
    return "~ " + field.path + ": (sensitive, changed)";
  }
  return "~ " + field.path + ": " + shown(field.old_value, field.sensitive) + " -> " +
         shown(field.new_value, field.sensitive);
}

std::string summary_line(const engine::PlanCounts& counts) {
  return "Plan: " + std::to_string(counts.create) + " to create, " +
         std::to_string(counts.update) + " to update, " + std::to_string(counts.remove) +
         " to delete.";
}

std::size_t billing_count(const engine::Plan& plan) {
  std::size_t n = 0;
  for (const auto& change : plan.changes) {
    n += change.billing ? 1 : 0;
  }
  return n;
}

std::string requests_line(const engine::Plan& plan) {
  return "Read live state with " + counted(plan.api_requests, "API request") + ".";
}

std::string no_changes_line(const engine::Plan& plan) {
  return plan.not_managed.empty() ? "No changes. Live state matches the configuration."
                                  : "No changes to the declared resources.";
}

std::string required_env_line(const engine::Plan& plan) {
  const auto variables = engine::required_variables(plan);
  if (variables.empty()) {
    return {};
  }
  std::string out = "Apply needs these environment variables for the secrets it sends: ";
  for (std::size_t i = 0; i < variables.size(); ++i) {
    out += (i == 0 ? "" : ", ") + variables[i].name + (variables[i].set ? "" : " (not set here)");
  }
  return out + ".";
}

std::string not_managed_heading(const engine::Plan& plan) {
  const auto n = plan.not_managed.size();
  if (n == 0) {
    return {};
  }
  return "Not managed: " + std::to_string(n) + " object" + (n == 1 ? "" : "s") +
         " in scope that the configuration does not declare; aigw leaves " +
         (n == 1 ? "it" : "them") + " alone.";
}

} // namespace aigw::render
