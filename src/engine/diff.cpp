#include "engine/diff.h"

#include "engine/billing_diff.h"
#include "engine/custom_provider_diff.h"
#include "engine/field_diff.h"
#include "engine/normalize.h"
#include "engine/secret_preview.h"
#include "engine/unknown_credentials.h"
#include "model/credentials.h"
#include "model/kind_spec.h"
#include "model/resource_key.h"
#include "model/resource_walk.h"
#include "util/concat.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace aigw::engine {
namespace {

using model::ResourceKind;

const char* k_undeclared = "not declared; prune would delete it";
const char* k_provider_undeclared =
    "not declared; the API cannot delete provider configs (delete it in the dashboard)";
const char* k_default_kept =
    "the API marks it as the account's default gateway (is_default); prune never deletes it";

const char* k_provider_reason =
    "the API cannot update provider configs; delete and recreate it in the dashboard, or "
    "change the alias";
const char* k_rotation_reason =
    "the live secret_preview shows a different secret than the one configured, and the API "
    "cannot update a provider config's secret: declare a config with a new alias and the new "
    "secret (then point routes at it), or recreate this one in the dashboard";

/// True when the live preview proves the configured secret is not the one stored.
bool secret_rotated(const model::ProviderConfig& want, const model::ProviderConfig& have) {
  if (!want.secret) {
    return false; // unset here (a pull-request plan): nothing to compare
  }
  auto it = have.fields.find("secret_preview");
  return it != have.fields.end() && it->second.is_string() &&
         preview_contradicts(it->second.as_string(), *want.secret);
}

/// A provider config's identity within its gateway: {slug, alias}.
std::vector<std::string> provider_key(const model::ProviderConfig& config) {
  return model::key_of(config).parts;
}

/// Live children of one gateway, indexed by identity.
struct LiveChildren {
  std::map<std::string, const model::Dataset*> datasets;
  std::map<std::vector<std::string>, const model::ProviderConfig*> provider_configs;
  std::map<std::string, const model::Route*> routes;
};

std::map<std::string, LiveChildren> index_children(const model::Resources& live) {
  std::map<std::string, LiveChildren> out;
  for (const auto& d : live.datasets) {
    out[d.gateway_id].datasets.emplace(d.name, &d);
  }
  for (const auto& c : live.provider_configs) {
    out[c.gateway_id].provider_configs.emplace(provider_key(c), &c);
  }
  for (const auto& r : live.routes) {
    out[r.gateway_id].routes.emplace(r.name, &r);
  }
  return out;
}

/// Every live child of one gateway, of every kind the kind table puts under a gateway: its
/// key and server id (the first object of each identity), for cascade deletes.
using ChildKeys = std::map<model::ResourceKey, std::string>;

std::map<std::string, ChildKeys> index_child_keys(const model::Resources& live) {
  std::map<std::string, ChildKeys> out;
  model::for_each_resource(live, [&out](const auto& resource) {
    if constexpr (requires { resource.server_id; }) {
      auto key = model::key_of(resource);
      if (model::kind_spec(key.kind).parent == model::Parent::gateway) {
        auto& keys = out[key.gateway_id];
        keys.emplace(std::move(key), resource.server_id);
      }
    }
  });
  return out;
}

Change make_change(ChangeKind kind, ResourceKind resource, std::string gateway_id,
                   std::vector<std::string> key = {}) {
  Change change;
  change.kind = kind;
  change.resource = resource;
  change.gateway_id = std::move(gateway_id);
  change.key = std::move(key);
  return change;
}

/// Planner state for one run: the desired state, the live index and the output.
class DiffBuilder {
public:
  DiffBuilder(const model::Desired& desired, const LiveState& live, bool prune)
      : m_desired(desired), m_live(live), m_prune(prune),
        m_children(index_children(live.resources)),
        m_declared(index_declared(desired.resources)) {}

  DiffResult run() {
    std::map<std::string, const model::Gateway*> live_gateways;
    for (const auto& g : m_live.resources.gateways) {
      live_gateways.emplace(g.id, &g);
    }
    std::set<std::string> declared;
    for (const auto& gateway : m_desired.resources.gateways) {
      declared.insert(gateway.id);
      auto it = live_gateways.find(gateway.id);
      diff_gateway(gateway, it == live_gateways.end() ? nullptr : it->second);
    }
    for (const auto& [id, gateway] : live_gateways) {
      if (!declared.contains(id) && model::in_scope(m_desired.scope, id)) {
        undeclared_gateway(*gateway);
      }
    }
    auto billing = compute_billing_diff(m_desired, m_live);
    for (auto& change : billing.changes) {
      m_out.changes.push_back(std::move(change));
    }
    for (auto& item : billing.not_managed) {
      m_out.not_managed.push_back(std::move(item));
    }
    auto providers = compute_custom_provider_diff(m_desired, m_live, m_prune);
    for (auto& change : providers.changes) {
      m_out.changes.push_back(std::move(change));
    }
    for (auto& item : providers.not_managed) {
      m_out.not_managed.push_back(std::move(item));
    }
    for (auto& warning : providers.warnings) {
      m_out.warnings.push_back(std::move(warning));
    }
    std::sort(m_out.not_managed.begin(), m_out.not_managed.end(),
              [](const NotManaged& a, const NotManaged& b) { return a.address < b.address; });
    for (auto& warning : not_compared_warnings(m_not_compared)) {
      m_out.warnings.push_back(std::move(warning));
    }
    return std::move(m_out);
  }

private:
  void not_managed(ResourceKind kind, const std::string& gateway_id,
                   const std::vector<std::string>& key, std::string reason) {
    m_out.not_managed.push_back(
        {make_change(ChangeKind::remove, kind, gateway_id, key).address(), std::move(reason)});
  }

  /// An in-scope live gateway the files do not declare: deleted with prune (and with it,
  /// through the API, every child of it that was read), kept and listed otherwise.
  void undeclared_gateway(const model::Gateway& gateway) {
    if (is_default_gateway(gateway)) {
      not_managed(ResourceKind::gateway, gateway.id, {}, k_default_kept);
      return;
    }
    if (!m_prune) {
      not_managed(ResourceKind::gateway, gateway.id, {}, k_undeclared);
      return;
    }
    Change change = make_change(ChangeKind::remove, ResourceKind::gateway, gateway.id);
    change.server_id = gateway.id;
    m_out.changes.push_back(std::move(change));
    // Indexed on the first cascade only: a plan without one (the usual case) skips a map
    // of every live child.
    if (!m_child_keys) {
      m_child_keys = index_child_keys(m_live.resources);
    }
    auto it = m_child_keys->find(gateway.id);
    if (it == m_child_keys->end()) {
      return;
    }
    const std::string reason = "deleted with gateway " + gateway.id;
    for (const auto& [key, server_id] : it->second) {
      Change child = make_change(ChangeKind::remove, key.kind, gateway.id, key.parts);
      child.server_id = server_id;
      child.cascade = true;
      child.reason = reason;
      m_out.changes.push_back(std::move(child));
    }
  }

  void diff_gateway(const model::Gateway& declared, const model::Gateway* have) {
    std::optional<model::Gateway> filled;
    std::vector<std::string> unset_env;
    if (!declared.unresolved.empty()) {
      auto unknown = fill_unknown_credentials(declared, have);
      filled.emplace(declared);
      filled->fields = std::move(unknown.fields);
      unset_env = std::move(unknown.variables);
      for (const auto& credential : unknown.not_compared) {
        for (const auto& variable : credential.variables) {
          m_not_compared[variable].push_back(concat("gateway ", declared.id, " ", credential.path));
        }
      }
    }
    const model::Gateway& want = filled ? *filled : declared;
    const std::size_t first = m_out.changes.size();
    if (have == nullptr) {
      create_gateway(want);
    } else if (auto diff = diff_declared(ResourceKind::gateway, want.fields, have->fields);
               !diff.empty()) {
      Change change = make_change(ChangeKind::update, ResourceKind::gateway, want.id);
      change.server_id = want.id;
      change.body = update_body(ResourceKind::gateway, have->fields, want.fields);
      change.diff = std::move(diff);
      m_out.changes.push_back(std::move(change));
    }
    for (std::size_t i = first; i < m_out.changes.size(); ++i) {
      Change& change = m_out.changes[i];
      if (carries_any(change.body, declared.unresolved)) {
        change.unset_env = unset_env;
      }
      for (const auto& unknown : declared.unresolved) {
        if (model::value_at(change.body, unknown.path) != nullptr) {
          change.unknown_credentials.push_back(unknown);
        }
      }
      change.credential_env = carried_variables(change.body, declared.credentials);
    }
    static const LiveChildren k_none;
    auto it = m_children.find(want.id);
    const LiveChildren& children = (have == nullptr || it == m_children.end()) ? k_none : it->second;
    diff_datasets(want.id, children);
    diff_provider_configs(want.id, children);
    diff_routes(want.id, children);
  }

  /// The variables of the credentials the body holds, sorted and unique.
  static std::vector<std::string>
  carried_variables(const model::Object& body,
                    const std::vector<model::CredentialReference>& credentials) {
    std::set<std::string> out;
    for (const auto& credential : credentials) {
      if (model::value_at(body, credential.path) != nullptr) {
        out.insert(credential.variables.begin(), credential.variables.end());
      }
    }
    return {out.begin(), out.end()};
  }

  /// True when the body holds any of the credentials (a create body leaves otel and stripe
  /// to the follow-up update).
  static bool carries_any(const model::Object& body,
                          const std::vector<model::CredentialReference>& credentials) {
    return std::any_of(credentials.begin(), credentials.end(), [&](const auto& credential) {
      return model::value_at(body, credential.path) != nullptr;
    });
  }

  /// POST with the fields create accepts, then (when the YAML declares fields create does
  /// not take: dlp, guardrails, ...) a PUT with the full desired body.
  void create_gateway(const model::Gateway& want) {
    Change create = make_change(ChangeKind::create, ResourceKind::gateway, want.id);
    create.body = create_body(ResourceKind::gateway, want.fields);
    create.diff = describe_new(ResourceKind::gateway, create.body);
    model::Object later;
    for (const auto& [name, value] : want.fields) {
      const auto* spec = model::find_field(ResourceKind::gateway, name);
      if (spec != nullptr && !spec->accepted_on_create) {
        later.emplace(name, value);
      }
    }
    if (!later.empty()) {
      Change follow_up = make_change(ChangeKind::update, ResourceKind::gateway, want.id);
      follow_up.server_id = want.id;
      follow_up.body = update_body(ResourceKind::gateway, create.body, want.fields);
      follow_up.diff = describe_new(ResourceKind::gateway, later);
      follow_up.reason = "fields the create call does not accept";
      m_out.changes.push_back(std::move(create));
      m_out.changes.push_back(std::move(follow_up));
      return;
    }
    m_out.changes.push_back(std::move(create));
  }

  /// Declared children of one gateway (indexed once, so large configs stay linear).
  struct DeclaredChildren {
    std::vector<const model::Dataset*> datasets;
    std::vector<const model::ProviderConfig*> provider_configs;
    std::vector<const model::Route*> routes;
  };

  static std::map<std::string, DeclaredChildren> index_declared(const model::Resources& desired) {
    std::map<std::string, DeclaredChildren> out;
    for (const auto& d : desired.datasets) {
      out[d.gateway_id].datasets.push_back(&d);
    }
    for (const auto& c : desired.provider_configs) {
      out[c.gateway_id].provider_configs.push_back(&c);
    }
    for (const auto& r : desired.routes) {
      out[r.gateway_id].routes.push_back(&r);
    }
    return out;
  }

  const DeclaredChildren& declared_in(const std::string& gateway_id) const {
    static const DeclaredChildren k_none;
    auto it = m_declared.find(gateway_id);
    return it == m_declared.end() ? k_none : it->second;
  }

  void diff_datasets(const std::string& gateway_id, const LiveChildren& live) {
    std::set<std::string> declared;
    const auto& wanted = declared_in(gateway_id).datasets;
    for (const auto* want : wanted) {
      declared.insert(want->name);
    }
    for (const auto* want : wanted) {
      auto it = live.datasets.find(want->name);
      if (const auto* old = rename_source(want->renamed_from, live.datasets, declared);
          it == live.datasets.end() && old != nullptr) {
        // `renamed_from`: one PUT under the old server id carries the new name.
        declared.insert(want->renamed_from);
        Change change = make_change(ChangeKind::update, ResourceKind::dataset, gateway_id, {want->name});
        change.server_id = old->server_id;
        change.body = update_body(ResourceKind::dataset, old->fields, want->fields);
        change.diff = diff_declared(ResourceKind::dataset, want->fields, old->fields);
        change.diff.insert(change.diff.begin(),
                           {"name", model::Value(want->renamed_from), model::Value(want->name)});
        change.reason = "rename from " + want->renamed_from;
        m_out.changes.push_back(std::move(change));
        continue;
      }
      if (it == live.datasets.end()) {
        warn_unmatched_rename(ResourceKind::dataset, gateway_id, want->name, want->renamed_from);
        Change change = make_change(ChangeKind::create, ResourceKind::dataset, gateway_id, {want->name});
        change.body = create_body(ResourceKind::dataset, want->fields);
        change.diff = describe_new(ResourceKind::dataset, change.body);
        m_out.changes.push_back(std::move(change));
        continue;
      }
      const auto& have = *it->second;
      auto diff = diff_declared(ResourceKind::dataset, want->fields, have.fields);
      if (!diff.empty()) {
        Change change = make_change(ChangeKind::update, ResourceKind::dataset, gateway_id, {want->name});
        change.server_id = have.server_id;
        change.body = update_body(ResourceKind::dataset, have.fields, want->fields);
        change.diff = std::move(diff);
        m_out.changes.push_back(std::move(change));
      }
    }
    remove_undeclared(live.datasets, declared, ResourceKind::dataset, gateway_id);
  }

  void diff_provider_configs(const std::string& gateway_id, const LiveChildren& live) {
    std::set<std::vector<std::string>> declared;
    for (const auto* want : declared_in(gateway_id).provider_configs) {
      const auto key = provider_key(*want);
      declared.insert(key);
      auto it = live.provider_configs.find(key);
      if (it == live.provider_configs.end()) {
        Change change = make_change(ChangeKind::create, ResourceKind::provider_config, gateway_id, key);
        change.body = create_body(ResourceKind::provider_config, want->fields);
        change.body.erase("secret"); // travels only in Change::secret
        change.diff = describe_new(ResourceKind::provider_config, change.body);
        if (want->secret || !want->secret_env.empty()) {
          // The value may be unset here (plans need no production keys); apply needs it.
          change.secret = want->secret;
          change.secret_env = want->secret_env;
          change.diff.push_back({"secret", std::nullopt, std::nullopt, true});
        }
        m_out.changes.push_back(std::move(change));
        continue;
      }
      auto diff = diff_declared(ResourceKind::provider_config, want->fields, it->second->fields);
      const bool rotated = secret_rotated(*want, *it->second);
      if (rotated) {
        // Sensitive: no values, only that it changed.
        diff.push_back({"secret", model::Value(), model::Value(), true});
      }
      if (!diff.empty()) {
        Change change =
            make_change(ChangeKind::cannot_fix, ResourceKind::provider_config, gateway_id, key);
        change.server_id = it->second->server_id;
        change.reason = rotated && diff.size() == 1 ? k_rotation_reason : k_provider_reason;
        change.diff = std::move(diff);
        m_out.changes.push_back(std::move(change));
      }
    }
    for (const auto& [key, config] : live.provider_configs) {
      if (!declared.contains(key)) {
        not_managed(ResourceKind::provider_config, gateway_id, key, k_provider_undeclared);
      }
    }
  }

  void diff_routes(const std::string& gateway_id, const LiveChildren& live) {
    std::set<std::string> declared;
    const auto& wanted = declared_in(gateway_id).routes;
    for (const auto* want : wanted) {
      declared.insert(want->name);
    }
    for (const auto* want : wanted) {
      auto it = live.routes.find(want->name);
      if (const auto* old = rename_source(want->renamed_from, live.routes, declared);
          it == live.routes.end() && old != nullptr) {
        // `renamed_from`: PATCH the name, keeping the route's versions; then, when the
        // elements differ too, deploy a new version under the same server id.
        declared.insert(want->renamed_from);
        Change rename = make_change(ChangeKind::update, ResourceKind::route, gateway_id, {want->name});
        rename.server_id = old->server_id;
        rename.body = model::Object{{"name", want->name}};
        rename.diff = {{"name", model::Value(want->renamed_from), model::Value(want->name)}};
        rename.reason = "rename from " + want->renamed_from;
        m_out.changes.push_back(std::move(rename));
        if (!elements_equal(old->elements, want->elements)) {
          Change change = make_change(ChangeKind::deploy_new_version, ResourceKind::route,
                                      gateway_id, {want->name});
          change.server_id = old->server_id;
          change.elements = want->elements;
          change.diff = diff_elements(old->elements, want->elements);
          m_out.changes.push_back(std::move(change));
        }
        continue;
      }
      if (it == live.routes.end()) {
        warn_unmatched_rename(ResourceKind::route, gateway_id, want->name, want->renamed_from);
        Change change = make_change(ChangeKind::create, ResourceKind::route, gateway_id, {want->name});
        change.elements = want->elements;
        change.diff = diff_elements({}, want->elements);
        m_out.changes.push_back(std::move(change));
        continue;
      }
      const auto& have = *it->second;
      if (!elements_equal(have.elements, want->elements)) {
        Change change =
            make_change(ChangeKind::deploy_new_version, ResourceKind::route, gateway_id, {want->name});
        change.server_id = have.server_id;
        change.elements = want->elements;
        change.live_elements = have.elements;
        change.diff = diff_elements(have.elements, want->elements);
        m_out.changes.push_back(std::move(change));
      }
    }
    remove_undeclared(live.routes, declared, ResourceKind::route, gateway_id);
  }

  /// A `renamed_from` whose old name is not live (mistyped, or the object is gone): the
  /// object is created, which the plan says (Terraform ignores such a `moved` silently).
  void warn_unmatched_rename(ResourceKind kind, const std::string& gateway_id,
                             const std::string& name, const std::string& old_name) {
    if (old_name.empty()) {
      return;
    }
    const std::string_view label = model::resource_kind_name(kind);
    m_out.warnings.push_back(concat(label, " ", gateway_id, "/", name, ": renamed_from '",
                                    old_name, "' names no ", label,
                                    " of the gateway, so it is created (check the old name)"));
  }

  /// The live object a `renamed_from` names, when it exists and is not itself declared.
  template <class T>
  static const T* rename_source(const std::string& old_name,
                                const std::map<std::string, const T*>& live,
                                const std::set<std::string>& declared) {
    if (old_name.empty() || declared.contains(old_name)) {
      return nullptr;
    }
    auto it = live.find(old_name);
    return it == live.end() ? nullptr : it->second;
  }

  template <class T>
  void remove_undeclared(const std::map<std::string, const T*>& live,
                         const std::set<std::string>& declared, ResourceKind kind,
                         const std::string& gateway_id) {
    for (const auto& [key, item] : live) {
      if (!declared.contains(key) && !m_prune) {
        not_managed(kind, gateway_id, {key}, k_undeclared);
      } else if (!declared.contains(key)) {
        Change change = make_change(ChangeKind::remove, kind, gateway_id, {key});
        change.server_id = item->server_id;
        m_out.changes.push_back(std::move(change));
      }
    }
  }

  const model::Desired& m_desired;
  const LiveState& m_live;
  bool m_prune;
  std::map<std::string, LiveChildren> m_children;
  std::optional<std::map<std::string, ChildKeys>> m_child_keys; ///< on first use
  std::map<std::string, DeclaredChildren> m_declared;
  /// Unset variable -> the credentials not compared because of it ("gateway ID PATH").
  std::map<std::string, std::vector<std::string>> m_not_compared;
  DiffResult m_out;
};

} // namespace

model::Object create_body(ResourceKind kind, const model::Object& declared) {
  model::Object body;
  for (const auto& [name, value] : declared) {
    const auto* spec = model::find_field(kind, name);
    if (spec == nullptr || (spec->accepted_on_create && !spec->read_only)) {
      body.emplace(name, value);
    }
  }
  for (const auto& spec : model::field_specs(kind)) {
    if (spec.required_on_create && spec.create_default && !body.contains(std::string(spec.name))) {
      body.emplace(std::string(spec.name), *spec.create_default);
    }
  }
  return body;
}

model::Object update_body(ResourceKind kind, const model::Object& live,
                          const model::Object& declared) {
  model::Object body;
  for (const auto& [name, value] : live) {
    const auto* spec = model::find_field(kind, name);
    if (spec == nullptr || !spec->read_only) {
      body.emplace(name, value);
    }
  }
  for (const auto& [name, value] : declared) {
    body[name] = value;
  }
  return body;
}

DiffResult compute_diff(const model::Desired& desired, const LiveState& live, bool prune) {
  return DiffBuilder(desired, live, prune).run();
}

} // namespace aigw::engine
