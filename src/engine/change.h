#pragma once
// Change: one step of a plan, as a plain value. Renderers read it; the executor runs it.

#include "engine/traffic_impact.h"
#include "model/field_spec.h"
#include "model/resource_key.h"
#include "model/resources.h"
#include "util/secret.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace aigw::engine {

enum class ChangeKind {
  create,             ///< POST a new object
  update,             ///< PUT a full body (gateway, dataset) or POST a billing singleton
  remove,             ///< DELETE
  deploy_new_version, ///< route: POST a version with the desired elements, then deploy it
  redeploy_version,   ///< route: deploy an existing version whose elements already match
  cannot_fix,         ///< live differs and the API offers no way to change it (provider configs)
  replace,            ///< DELETE, then POST: the API cannot update it (custom providers)
};

/// Stable lower-case name: "create", "update", "delete", "deploy_new_version", ...
std::string_view change_kind_name(ChangeKind kind);

/// One field that differs: dotted path (e.g. "guardrails.prompt.S1"), old and new values.
/// nullopt means "absent". Sensitive fields carry no values, only the flag.
struct FieldChange {
  std::string path;
  std::optional<model::Value> old_value;
  std::optional<model::Value> new_value;
  bool sensitive = false;
};

struct Change {
  ChangeKind kind = ChangeKind::create;
  model::ResourceKind resource = model::ResourceKind::gateway;
  std::string gateway_id; ///< the gateway (itself, for a gateway change); "" for billing
  /// Identity within its parent (ResourceKey::parts): {name}, {slug, alias}, or {}.
  std::vector<std::string> key;
  std::string server_id;  ///< live server id for update/remove/route changes, when known

  /// create/update: the complete request body (gateway update: live fields overlaid with
  /// desired ones, read-only fields removed). Never holds a secret.
  model::Object body;
  /// Route create / deploy_new_version: the desired elements.
  std::vector<model::RouteElement> elements;
  /// Route deploy_new_version / redeploy_version: the deployed elements it replaces, for
  /// display (the Markdown plan draws the graph before and after). Not in plan files.
  std::vector<model::RouteElement> live_elements;
  /// Route redeploy_version: the existing version to deploy.
  std::string version_id;
  /// Provider config create (custom provider create/replace: its `headers`): the secret
  /// and the env variable it came from (plan files
  /// store only the variable's name; apply of a saved plan reads the environment again).
  std::optional<Secret> secret;
  std::string secret_env;
  /// Gateway create/update whose body carries a credential the plan could not know (its
  /// `${VAR}` was unset, see unknown_credentials.h): the variables apply needs. Not in
  /// plan files: apply of a saved plan reads the files' variables again.
  std::vector<std::string> unset_env;
  /// Gateway create/update: every variable of the credentials its body carries, set or not
  /// (apply needs them all; unset_env is the unset part). Not in plan files either.
  std::vector<std::string> credential_env;
  /// Gateway create/update: the credentials its body carries that the plan could not know,
  /// by path and `${VAR}` names (never a value). Plan files record them for the reader;
  /// change_record leaves them out, so a plan made without the keys still matches the one
  /// apply recomputes with them set.
  std::vector<model::CredentialReference> unknown_credentials;

  std::vector<FieldChange> diff; ///< field-level differences, for display
  std::string reason;            ///< cannot_fix: why; otherwise optional context
  bool billing = false;          ///< touches money: flagged in every output
  /// remove of a child whose gateway is deleted in the same plan: the API deletes it with
  /// its gateway, so apply sends no request for it; it is listed so the plan tells all.
  bool cascade = false;
  /// Live traffic the change would hit (read_impact), when it was asked for.
  std::optional<TrafficImpact> impact;
  /// Indices into Plan::changes that must succeed before this one runs.
  std::vector<std::size_t> depends_on;

  /// The typed identity of the resource it changes.
  [[nodiscard]] model::ResourceKey resource_key() const { return {resource, gateway_id, key}; }
  /// "gateway support-bot", "dataset support-bot/failures", "spending limit", ...
  [[nodiscard]] std::string address() const { return resource_key().address(); }
};

} // namespace aigw::engine
