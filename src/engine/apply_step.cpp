#include "engine/apply_step.h"

#include "engine/apply_custom_provider.h"
#include "engine/apply_recovery.h"
#include "engine/apply_route.h"
#include "engine/diff.h"
#include "model/field_spec.h"
#include "model/kind_spec.h"

#include <algorithm>

namespace aigw::engine {

namespace {

using model::ResourceKind;

const char* k_recovered_note = " (after re-reading a lost response)";

template <class T, class Pred>
std::optional<T> find_in(const std::vector<T>& items, Pred pred) {
  auto it = std::find_if(items.begin(), items.end(), pred);
  return it == items.end() ? std::nullopt : std::optional<T>(*it);
}

/// Lists a collection and looks for one object in it, for create_once.
template <class T, class ListFn, class Pred>
ApiResult<std::optional<T>> find_live(ListFn list, Pred pred) {
  auto items = list();
  if (!items) {
    return items.error();
  }
  return find_in(*items, pred);
}

/// Identity part i of a change ({name} or {slug, alias}); "" when the key has fewer parts.
std::string key_part(const Change& change, std::size_t i) {
  return i < change.key.size() ? change.key[i] : std::string();
}

std::string with_note(std::string detail, bool recovered) {
  return recovered ? detail + k_recovered_note : detail;
}

/// Desired gateway fields that the create call does not take (dlp, guardrails, ...).
std::vector<std::string> fields_create_ignores(const model::Object& body) {
  std::vector<std::string> names;
  for (const auto& [key, value] : body) {
    const auto* spec = model::find_field(ResourceKind::gateway, key);
    if (spec != nullptr && !spec->accepted_on_create && !spec->read_only) {
      names.push_back(key);
    }
  }
  return names;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

/// Runs an idempotent request and describes it as `done`.
template <class T, class RequestFn>
ApiResult<std::string> describe(RequestFn request, const std::string& done) {
  bool recovered = false;
  auto result = send_idempotent<T>(request, &recovered);
  if (!result) {
    return result.error();
  }
  return with_note(done, recovered);
}

/// Sets a billing singleton: a POST that replaces the whole setting, so repeating it is safe.
ApiResult<std::string> set_billing(GatewayApi& api, const Change& change) {
  if (change.resource == ResourceKind::spending_limit) {
    const model::SpendingLimit limit{change.body, {}};
    return describe<Unit>([&] { return api.set_spending_limit(limit); }, "set");
  }
  const model::AutoTopup topup{change.body, {}};
  return describe<Unit>([&] { return api.set_auto_topup(topup); }, "set");
}

// Gateway create takes fewer fields than update: POST what it takes, then PUT the full
// body (the created gateway overlaid with the desired fields) for the rest. A planned
// create holds only what create takes (the diff plans the rest as a follow-up update);
// a body holding more is split here, since the port sends bodies as it is given them.
ApiResult<std::string> create_gateway(GatewayApi& api, const Change& change) {
  bool recovered = false;
  const auto later = fields_create_ignores(change.body);
  model::Gateway desired{change.gateway_id, change.body, {}};
  for (const auto& name : later) {
    desired.fields.erase(name);
  }
  auto created = create_once<model::Gateway>(
      [&] { return api.create_gateway(desired); },
      [&] {
        return find_live<model::Gateway>([&] { return api.list_gateways(); },
                                         [&](const auto& g) { return g.id == desired.id; });
      },
      &recovered);
  if (!created) {
    return created.error();
  }
  if (later.empty()) {
    return with_note("created", recovered);
  }
  const model::Gateway full{change.gateway_id,
                            update_body(ResourceKind::gateway, created->fields, change.body), {}};
  auto updated =
      send_idempotent<model::Gateway>([&] { return api.update_gateway(full); }, &recovered);
  if (!updated) {
    return updated.error();
  }
  return with_note("created, then set " + join(later), recovered);
}

/// Creates a child object at most once (see create_once) and describes the outcome.
template <class T, class CreateFn, class ListFn, class Pred>
ApiResult<std::string> create_child(CreateFn create_fn, ListFn list, Pred is_it) {
  bool recovered = false;
  auto created =
      create_once<T>(create_fn, [&] { return find_live<T>(list, is_it); }, &recovered);
  if (!created) {
    return created.error();
  }
  return with_note("created", recovered);
}

ApiResult<std::string> create_dataset(GatewayApi& api, const Change& change) {
  const model::Dataset desired{change.gateway_id, key_part(change, 0), "", change.body, {}};
  return create_child<model::Dataset>(
      [&] { return api.create_dataset(desired); },
      [&] { return api.list_datasets(change.gateway_id); },
      [&](const model::Dataset& d) { return d.name == desired.name; });
}

ApiResult<std::string> create_provider_config(GatewayApi& api, const Change& change) {
  if ((!change.secret || change.secret->empty()) && !change.secret_env.empty()) {
    return apply_error("environment variable `" + change.secret_env + "` is not set");
  }
  const model::ProviderConfig desired{change.gateway_id, key_part(change, 0), key_part(change, 1), "", change.body,
                                      change.secret, change.secret_env, {}};
  return create_child<model::ProviderConfig>(
      [&] { return api.create_provider_config(desired); },
      [&] { return api.list_provider_configs(change.gateway_id); },
      [&](const model::ProviderConfig& c) {
        return c.provider_slug == desired.provider_slug && c.alias == desired.alias;
      });
}

ApiResult<std::string> create_route(GatewayApi& api, const Change& change) {
  const model::Route desired{change.gateway_id, key_part(change, 0), "", change.elements, "", {}};
  return create_child<model::Route>(
      [&] { return api.create_route(desired); },
      [&] { return api.list_routes(change.gateway_id); },
      [&](const model::Route& r) { return r.name == desired.name; });
}

/// "provider configs cannot be deleted through the API".
ApiResult<std::string> cannot(const Change& change, const char* what) {
  return apply_error(std::string(model::kind_spec(change.resource).name) + "s cannot be " + what +
                     " through the API");
}

ApiResult<std::string> create(GatewayApi& api, const Change& change) {
  if (model::kind_spec(change.resource).billing) {
    return set_billing(api, change);
  }
  switch (change.resource) {
  case ResourceKind::gateway: return create_gateway(api, change);
  case ResourceKind::dataset: return create_dataset(api, change);
  case ResourceKind::provider_config: return create_provider_config(api, change);
  case ResourceKind::route: return create_route(api, change);
  case ResourceKind::spending_limit:
  case ResourceKind::auto_topup:                  // billing, above
  case ResourceKind::custom_provider: break; // run_custom_provider_change
  }
  return apply_error("unknown resource kind");
}

/// The name a route update PATCHes: the body's `name`, else the change's key.
std::string new_route_name(const Change& change) {
  const auto it = change.body.find("name");
  return it != change.body.end() && it->second.is_string() ? it->second.as_string()
                                                            : key_part(change, 0);
}

ApiResult<std::string> update(GatewayApi& api, const Change& change) {
  const auto& spec = model::kind_spec(change.resource);
  if (spec.update == model::UpdateMethod::none) {
    return cannot(change, "updated");
  }
  if (spec.billing) {
    return set_billing(api, change);
  }
  switch (change.resource) {
  case ResourceKind::gateway: {
    const model::Gateway full{change.gateway_id, change.body, {}};
    return describe<model::Gateway>([&] { return api.update_gateway(full); }, "updated");
  }
  case ResourceKind::dataset: {
    const model::Dataset ds{change.gateway_id, key_part(change, 0), change.server_id, change.body, {}};
    return describe<model::Dataset>([&] { return api.update_dataset(ds); }, "updated");
  }
  case ResourceKind::route: {
    const auto name = new_route_name(change);
    return describe<model::Route>(
        [&] { return api.rename_route(change.gateway_id, change.server_id, name); },
        "renamed to " + name);
  }
  case ResourceKind::provider_config: // cannot be updated, above
  case ResourceKind::spending_limit:
  case ResourceKind::auto_topup:      // billing, above
  case ResourceKind::custom_provider: break; // run_custom_provider_change
  }
  return apply_error("unknown resource kind");
}

/// Runs a DELETE; 404 means the object is already gone, which is what was asked for
/// (it also resolves a DELETE whose response was lost and that is sent again).
template <class RequestFn> ApiResult<std::string> delete_object(RequestFn request) {
  bool recovered = false;
  auto result = send_idempotent<Unit>(request, &recovered);
  if (!result) {
    if (result.error().kind == ApiError::Kind::not_found) {
      return std::string("already deleted");
    }
    return result.error();
  }
  return with_note("deleted", recovered);
}

ApiResult<std::string> remove(GatewayApi& api, const Change& change) {
  const auto& gw = change.gateway_id;
  if (change.cascade) {
    return std::string("deleted with gateway ") + gw; // the gateway's DELETE took it
  }
  if (!model::kind_spec(change.resource).can_delete) {
    return cannot(change, "deleted");
  }
  switch (change.resource) {
  case ResourceKind::gateway: return delete_object([&] { return api.delete_gateway(gw); });
  case ResourceKind::dataset:
    return delete_object([&] { return api.delete_dataset(gw, change.server_id); });
  case ResourceKind::route:
    return delete_object([&] { return api.delete_route(gw, change.server_id); });
  case ResourceKind::spending_limit:
    return delete_object([&] { return api.delete_spending_limit(); });
  case ResourceKind::auto_topup: return delete_object([&] { return api.delete_auto_topup(); });
  case ResourceKind::provider_config: // cannot be deleted, above
  case ResourceKind::custom_provider: break; // run_custom_provider_change
  }
  return apply_error("unknown resource kind");
}

} // namespace

ApiResult<std::string> run_change(GatewayApi& api, const Change& change) {
  if (change.resource == ResourceKind::custom_provider) {
    return run_custom_provider_change(api, change);
  }
  switch (change.kind) {
  case ChangeKind::create: return create(api, change);
  case ChangeKind::update: return update(api, change);
  case ChangeKind::remove: return remove(api, change);
  case ChangeKind::deploy_new_version: return deploy_new_version(api, change);
  case ChangeKind::redeploy_version: return redeploy_version(api, change);
  case ChangeKind::cannot_fix: return apply_error("not applied: " + change.reason);
  case ChangeKind::replace: return apply_error("only custom providers are replaced");
  }
  return apply_error("unknown change kind");
}

} // namespace aigw::engine
