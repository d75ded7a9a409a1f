#pragma once
// The resources aigw manages, as plain values shared by config, engine, client and render.
//
// Every resource keeps its API fields in an Object named `fields`, under the API's own
// names. In desired state `fields` holds only what the YAML declares (an omitted optional
// field is unmanaged). In live state it holds everything the API returned, including
// read-only fields and fields aigw does not know, so a full-body PUT can carry them back.

#include "model/value.h"
#include "util/secret.h"

#include <optional>
#include <string>
#include <vector>

namespace aigw::model {

/// Where a resource was declared (file:line:column); empty for live objects.
struct Origin {
  std::string file;
  int line = 0;
  int column = 0;
  [[nodiscard]] bool empty() const { return file.empty(); }
  /// "file:line:column", or "" when empty.
  [[nodiscard]] std::string to_string() const;
};

/// A credential in a gateway's fields (otel or stripe `authorization`, an otel header
/// value) and the `${VAR}`s it is read from. When one was not set as the files were read
/// (pull-request plans run without production keys), its place in `fields` holds "" and
/// the plan cannot know it.
struct CredentialReference {
  std::string path; ///< "otel[0].authorization", `otel[1].headers."x.name"` (model::member_path)
  std::vector<std::string> variables; ///< the variables it names (unresolved: the unset ones)
  bool operator==(const CredentialReference&) const = default;
};

/// An AI Gateway gateway. Identity: id.
struct Gateway {
  std::string id;
  Object fields; ///< every field but `id`
  Origin origin;
  bool protect = false; ///< desired only: no plan may delete or replace it
  std::vector<CredentialReference> unresolved{}; ///< desired only: those not set
  std::vector<CredentialReference> credentials{}; ///< desired only: every credential's variables
};

/// A dataset of a gateway. Identity: (gateway_id, name); server_id is live-only.
struct Dataset {
  std::string gateway_id;
  std::string name;
  std::string server_id;
  Object fields; ///< `enable`, `filters` (and, live, `created_at`, ...)
  Origin origin;
  bool protect = false;     ///< desired only: no plan may delete or replace it
  std::string renamed_from{}; ///< desired only: the live name it had before (renamed by PUT)
};

/// A provider config of a gateway. Identity: (gateway_id, provider_slug, alias).
/// The API can only create and list these.
struct ProviderConfig {
  std::string gateway_id;
  std::string provider_slug;
  std::string alias;
  std::string server_id;
  Object fields; ///< `default_config`, `rate_limit`, `rate_limit_period`, `secret_id`, ...
  std::optional<Secret> secret; ///< desired only: live reads show `secret_preview`
  std::string secret_env; ///< desired only: the environment variable `secret` came from
  Origin origin;
  bool protect = false; ///< desired only: no plan may delete or replace it
};

/// One element of a dynamic route graph.
struct RouteElement {
  std::string id;
  std::string type; ///< start | conditional | percentage | rate | model | end
  Object properties;
  Object outputs; ///< output name -> {"elementId": "..."}; kept as the API shapes it
  friend bool operator==(const RouteElement&, const RouteElement&) = default;
};

/// One version of a route's element graph.
struct RouteVersion {
  std::string version_id;
  std::string created_at;
  bool active = false;
  std::vector<RouteElement> elements;
};

/// A dynamic route of a gateway. Identity: (gateway_id, name); server_id is live-only.
struct Route {
  std::string gateway_id;
  std::string name;
  std::string server_id;
  std::vector<RouteElement> elements; ///< live: the deployed version's elements
  std::string deployed_version_id;    ///< live only
  Origin origin;
  bool protect = false;     ///< desired only: no plan may delete or replace it
  std::string renamed_from{}; ///< desired only: the live name it had before (renamed by PATCH)
};

/// The account's spending limit (singleton): `amount`, `duration`, `strategy`.
struct SpendingLimit {
  Object fields;
  Origin origin;
};

/// The account's auto top-up configuration (singleton): `amount`, `threshold`.
struct AutoTopup {
  Object fields;
  Origin origin;
};

/// An account-level custom provider. Identity: slug. The API can create, list and delete
/// one, not update it: a change is a replace (delete, then create).
struct CustomProvider {
  std::string slug;
  std::string server_id;
  Object fields; ///< `name`, `base_url`, ... (live: also `id`, `headers`, timestamps, ...)
  /// Desired only: `headers` (a JSON object's text, may hold credentials), from ${VAR}.
  std::optional<Secret> headers;
  std::string headers_env; ///< desired only: the environment variable `headers` came from
  Origin origin;
  bool protect = false; ///< desired only: no plan may delete or replace it
};

/// A set of resources: the desired state's or the live state's.
struct Resources {
  std::vector<Gateway> gateways;
  std::vector<Dataset> datasets;
  std::vector<ProviderConfig> provider_configs;
  std::vector<Route> routes;
  std::optional<SpendingLimit> spending_limit;
  std::optional<AutoTopup> auto_topup;
  std::vector<CustomProvider> custom_providers;
};

/// What the YAML asks for.
struct Desired {
  std::string account_id;
  bool prune = false;
  std::vector<std::string> scope; ///< gateway id globs this repository owns; empty: all
  /// True when the YAML has a `billing:` section; billing is managed only then.
  bool billing_declared = false;
  /// With billing declared, an explicit `spending_limit: null` asks for its deletion.
  bool spending_limit_absent = false;
  bool auto_topup_absent = false;
  /// True when the YAML has a `custom_providers:` key: custom providers are managed (and,
  /// with prune, the undeclared ones deleted) only then.
  bool custom_providers_declared = false;
  Resources resources;
};

/// Returns true when id matches any glob in scope (`*` and `?`), or scope is empty.
[[nodiscard]] bool in_scope(const std::vector<std::string>& scope, const std::string& id);

/// Glob match supporting `*` (any run) and `?` (any one character).
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);

/// Converts elements to the API's JSON shape (an array of element objects).
[[nodiscard]] Value elements_to_value(const std::vector<RouteElement>& elements);
/// Parses the API's element array; unknown element keys are ignored. nullopt when not
/// an array of objects with string `id` and `type`.
[[nodiscard]] std::optional<std::vector<RouteElement>> elements_from_value(Value value);

} // namespace aigw::model
