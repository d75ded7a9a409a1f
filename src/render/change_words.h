#pragma once
// The words and symbols every renderer shares, so text, JSON and Markdown say the same.

#include "engine/change.h"
#include "engine/plan.h"

#include <string>

namespace aigw::render {

/// "+" create, "~" update and route deploys, "-" delete, "!" cannot fix.
std::string_view change_symbol(engine::ChangeKind kind);

/// "create", "update", "delete", "deploy a new version", "redeploy version v-3",
/// "cannot fix: <reason>"; an update's or a delete's reason is appended ("update: ...",
/// "delete: deleted with gateway gw").
std::string change_action(const engine::Change& change);

/// What applying the change does, in the user's words: "create gateway support-bot",
/// "deploy a new version of route support-bot/chat", "delete dataset support-bot/old".
std::string change_phrase(const engine::Change& change);

/// "1 gateway", "2 gateways", "0 provider configs": a count with its noun, plural right.
std::string counted(std::size_t n, std::string_view singular);

/// One field difference as a line body: "+ path = new", "- path = old",
/// "~ path: old -> new"; sensitive values show as "(sensitive)", a changed one as
/// "~ path: (sensitive, changed)".
std::string field_line(const engine::FieldChange& field);

/// "Plan: 1 to create, 2 to update, 0 to delete."
std::string summary_line(const engine::PlanCounts& counts);

/// How many changes touch money.
std::size_t billing_count(const engine::Plan& plan);

/// "Read live state with N API requests."
std::string requests_line(const engine::Plan& plan);

/// What to say when the plan has no changes: "Live state matches the configuration" only
/// when nothing undeclared was found in scope either.
std::string no_changes_line(const engine::Plan& plan);

/// "Apply needs these environment variables: A, B (not set here)." ("" when none).
std::string required_env_line(const engine::Plan& plan);

/// "Not managed: N objects in scope that the configuration does not declare; aigw
/// leaves them alone." ("" when there are none).
std::string not_managed_heading(const engine::Plan& plan);

} // namespace aigw::render
