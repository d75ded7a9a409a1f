#include "fakes/fake_gateway_api.h"

#include "model/field_spec.h"

#include <algorithm>

namespace aigw::test {

using engine::ApiError;
using engine::ApiResult;
using engine::ApiStatus;

namespace {

const char* k_timestamp = "2026-01-01T00:00:00Z";

template <class T, class Pred> T* find_if_ptr(std::vector<T>& items, Pred pred) {
  auto it = std::find_if(items.begin(), items.end(), pred);
  return it == items.end() ? nullptr : &*it;
}

model::Object without_read_only(model::ResourceKind kind, const model::Object& fields) {
  model::Object out;
  for (const auto& [key, value] : fields) {
    const auto* spec = model::find_field(kind, key);
    if (spec == nullptr || !spec->read_only) {
      out.emplace(key, value);
    }
  }
  return out;
}

} // namespace

std::vector<std::string> FakeGatewayApi::calls() const {
  std::lock_guard lock(m_mutex);
  return m_calls;
}

void FakeGatewayApi::fail_next(std::string prefix, ApiError error, bool apply_first) {
  std::lock_guard lock(m_mutex);
  m_failures.push_back({std::move(prefix), std::move(error), apply_first});
}

std::optional<FakeGatewayApi::Failure> FakeGatewayApi::record(const std::string& description) {
  m_calls.push_back(description);
  for (auto it = m_failures.begin(); it != m_failures.end(); ++it) {
    if (description.rfind(it->prefix, 0) == 0) {
      Failure failure = *it;
      m_failures.erase(it);
      failure.error.path = description;
      return failure;
    }
  }
  return std::nullopt;
}

std::string FakeGatewayApi::next_id(const std::string& prefix) {
  return prefix + "-" + std::to_string(++m_counter);
}

ApiError FakeGatewayApi::not_found(const std::string& what) {
  ApiError e;
  e.kind = ApiError::Kind::not_found;
  e.status = 404;
  e.message = what + " not found";
  return e;
}

// Each operation holds the lock for its whole duration: the fake is thread-safe and every
// call is atomic, like a single request to the API.
#define AIGW_FAKE_BEGIN(description)                                                          \
  std::lock_guard lock(m_mutex);                                                              \
  auto failure = record(description);                                                         \
  if (failure && !failure->apply_first) {                                                     \
    return failure->error;                                                                    \
  }
#define AIGW_FAKE_END(value)                                                                  \
  if (failure) {                                                                              \
    return failure->error;                                                                    \
  }                                                                                           \
  return value

ApiResult<std::vector<model::Gateway>> FakeGatewayApi::list_gateways() {
  AIGW_FAKE_BEGIN("GET gateways");
  AIGW_FAKE_END(state.gateways);
}

ApiResult<model::Gateway> FakeGatewayApi::create_gateway(const model::Gateway& gateway) {
  AIGW_FAKE_BEGIN("POST gateway " + gateway.id);
  if (find_if_ptr(state.gateways, [&](const auto& g) { return g.id == gateway.id; }) != nullptr) {
    ApiError e;
    e.kind = ApiError::Kind::http;
    e.status = 409;
    e.errors.push_back({7001, "gateway already exists"});
    return e;
  }
  model::Gateway created{gateway.id, {}, {}};
  for (const auto& spec : model::field_specs(model::ResourceKind::gateway)) {
    if (spec.create_default) {
      created.fields[std::string(spec.name)] = *spec.create_default;
    }
  }
  for (const auto& [key, value] : gateway.fields) {
    const auto* spec = model::find_field(model::ResourceKind::gateway, key);
    if (spec == nullptr || (spec->accepted_on_create && !spec->read_only)) {
      created.fields[key] = value;
    }
  }
  created.fields["created_at"] = k_timestamp;
  created.fields["modified_at"] = k_timestamp;
  created.fields["is_default"] = false;
  state.gateways.push_back(created);
  AIGW_FAKE_END(created);
}

ApiResult<model::Gateway> FakeGatewayApi::update_gateway(const model::Gateway& gateway) {
  AIGW_FAKE_BEGIN("PUT gateway " + gateway.id);
  auto* live = find_if_ptr(state.gateways, [&](const auto& g) { return g.id == gateway.id; });
  if (live == nullptr) {
    return not_found("gateway " + gateway.id);
  }
  model::Object fields = without_read_only(model::ResourceKind::gateway, gateway.fields);
  for (const char* key : {"created_at", "is_default"}) {
    if (auto it = live->fields.find(key); it != live->fields.end()) {
      fields[key] = it->second;
    }
  }
  fields["modified_at"] = k_timestamp;
  live->fields = std::move(fields);
  AIGW_FAKE_END(*live);
}

ApiStatus FakeGatewayApi::delete_gateway(const std::string& gateway_id) {
  AIGW_FAKE_BEGIN("DELETE gateway " + gateway_id);
  auto& gws = state.gateways;
  auto it = std::find_if(gws.begin(), gws.end(), [&](const auto& g) { return g.id == gateway_id; });
  if (it == gws.end()) {
    return not_found("gateway " + gateway_id);
  }
  gws.erase(it);
  auto child = [&](const auto& c) { return c.gateway_id == gateway_id; };
  std::erase_if(state.datasets, child);
  std::erase_if(state.provider_configs, child);
  std::erase_if(state.routes, child);
  AIGW_FAKE_END(Unit{});
}

ApiResult<std::vector<model::Dataset>> FakeGatewayApi::list_datasets(const std::string& gateway_id) {
  AIGW_FAKE_BEGIN("GET datasets " + gateway_id);
  std::vector<model::Dataset> out;
  std::copy_if(state.datasets.begin(), state.datasets.end(), std::back_inserter(out),
               [&](const auto& d) { return d.gateway_id == gateway_id; });
  AIGW_FAKE_END(out);
}

ApiResult<model::Dataset> FakeGatewayApi::create_dataset(const model::Dataset& dataset) {
  AIGW_FAKE_BEGIN("POST dataset " + dataset.gateway_id + "/" + dataset.name);
  model::Dataset created = dataset;
  created.server_id = next_id("ds");
  created.fields = without_read_only(model::ResourceKind::dataset, dataset.fields);
  created.fields["created_at"] = k_timestamp;
  created.fields["modified_at"] = k_timestamp;
  created.origin = {};
  state.datasets.push_back(created);
  AIGW_FAKE_END(created);
}

ApiResult<model::Dataset> FakeGatewayApi::update_dataset(const model::Dataset& dataset) {
  AIGW_FAKE_BEGIN("PUT dataset " + dataset.gateway_id + "/" + dataset.name);
  auto* live = find_if_ptr(state.datasets, [&](const auto& d) {
    return d.gateway_id == dataset.gateway_id && d.server_id == dataset.server_id;
  });
  if (live == nullptr) {
    return not_found("dataset " + dataset.server_id);
  }
  live->name = dataset.name;
  auto created_at = live->fields["created_at"];
  live->fields = without_read_only(model::ResourceKind::dataset, dataset.fields);
  live->fields["created_at"] = created_at;
  live->fields["modified_at"] = k_timestamp;
  AIGW_FAKE_END(*live);
}

ApiStatus FakeGatewayApi::delete_dataset(const std::string& gateway_id, const std::string& server_id) {
  AIGW_FAKE_BEGIN("DELETE dataset " + gateway_id + "/" + server_id);
  const auto removed = std::erase_if(state.datasets, [&](const auto& d) {
    return d.gateway_id == gateway_id && d.server_id == server_id;
  });
  if (removed == 0) {
    return not_found("dataset " + server_id);
  }
  AIGW_FAKE_END(Unit{});
}

ApiResult<std::vector<model::CustomProvider>> FakeGatewayApi::list_custom_providers() {
  AIGW_FAKE_BEGIN("GET custom_providers");
  AIGW_FAKE_END(state.custom_providers);
}

ApiResult<model::CustomProvider>
FakeGatewayApi::create_custom_provider(const model::CustomProvider& provider) {
  AIGW_FAKE_BEGIN("POST custom_provider " + provider.slug);
  model::CustomProvider created = provider;
  created.server_id = next_id("cp");
  created.fields = without_read_only(model::ResourceKind::custom_provider, provider.fields);
  if (provider.headers) {
    created.fields["headers"] = provider.headers->reveal(); // the API returns them
  }
  created.fields["created_at"] = k_timestamp;
  created.fields["modified_at"] = k_timestamp;
  created.headers.reset();
  created.headers_env.clear();
  created.origin = {};
  created.protect = false;
  state.custom_providers.push_back(created);
  AIGW_FAKE_END(created);
}

ApiStatus FakeGatewayApi::delete_custom_provider(const std::string& server_id) {
  AIGW_FAKE_BEGIN("DELETE custom_provider " + server_id);
  const auto removed = std::erase_if(state.custom_providers,
                                     [&](const auto& p) { return p.server_id == server_id; });
  if (removed == 0) {
    return not_found("custom provider " + server_id);
  }
  AIGW_FAKE_END(Unit{});
}

ApiResult<std::vector<model::ProviderConfig>>
FakeGatewayApi::list_provider_configs(const std::string& gateway_id) {
  AIGW_FAKE_BEGIN("GET provider_configs " + gateway_id);
  std::vector<model::ProviderConfig> out;
  for (const auto& c : state.provider_configs) {
    if (c.gateway_id == gateway_id) {
      out.push_back(c);
      out.back().secret.reset(); // the API never returns the secret
    }
  }
  AIGW_FAKE_END(out);
}

ApiResult<model::ProviderConfig>
FakeGatewayApi::create_provider_config(const model::ProviderConfig& config) {
  AIGW_FAKE_BEGIN("POST provider_config " + config.gateway_id + "/" + config.provider_slug + "/" +
                  config.alias);
  model::ProviderConfig created = config;
  created.server_id = next_id("pc");
  created.fields = without_read_only(model::ResourceKind::provider_config, config.fields);
  created.fields.erase("secret");
  created.fields["modified_at"] = k_timestamp;
  created.fields["secret_preview"] = "****";
  created.origin = {};
  state.provider_configs.push_back(created);
  created.secret.reset();
  AIGW_FAKE_END(created);
}

ApiResult<std::vector<model::Route>> FakeGatewayApi::list_routes(const std::string& gateway_id) {
  AIGW_FAKE_BEGIN("GET routes " + gateway_id);
  std::vector<model::Route> out;
  std::copy_if(state.routes.begin(), state.routes.end(), std::back_inserter(out),
               [&](const auto& r) { return r.gateway_id == gateway_id; });
  AIGW_FAKE_END(out);
}

ApiResult<model::Route> FakeGatewayApi::create_route(const model::Route& route) {
  AIGW_FAKE_BEGIN("POST route " + route.gateway_id + "/" + route.name);
  model::Route created = route;
  created.server_id = next_id("rt");
  created.deployed_version_id = next_id("v");
  created.origin = {};
  versions[created.server_id].push_back({created.deployed_version_id, k_timestamp, true, route.elements});
  state.routes.push_back(created);
  AIGW_FAKE_END(created);
}

ApiResult<model::Route> FakeGatewayApi::rename_route(const std::string& gateway_id,
                                                     const std::string& route_id,
                                                     const std::string& new_name) {
  AIGW_FAKE_BEGIN("PATCH route " + gateway_id + "/" + route_id);
  auto* live = find_if_ptr(state.routes, [&](const auto& r) {
    return r.gateway_id == gateway_id && r.server_id == route_id;
  });
  if (live == nullptr) {
    return not_found("route " + route_id);
  }
  live->name = new_name;
  AIGW_FAKE_END(*live);
}

ApiStatus FakeGatewayApi::delete_route(const std::string& gateway_id, const std::string& route_id) {
  AIGW_FAKE_BEGIN("DELETE route " + gateway_id + "/" + route_id);
  const auto removed = std::erase_if(state.routes, [&](const auto& r) {
    return r.gateway_id == gateway_id && r.server_id == route_id;
  });
  if (removed == 0) {
    return not_found("route " + route_id);
  }
  versions.erase(route_id);
  AIGW_FAKE_END(Unit{});
}

ApiResult<std::vector<model::RouteVersion>>
FakeGatewayApi::list_route_versions(const std::string& gateway_id, const std::string& route_id) {
  AIGW_FAKE_BEGIN("GET versions " + gateway_id + "/" + route_id);
  auto it = versions.find(route_id);
  if (it == versions.end()) {
    return not_found("route " + route_id);
  }
  AIGW_FAKE_END(it->second);
}

ApiStatus FakeGatewayApi::create_route_version(const std::string& gateway_id,
                                               const std::string& route_id,
                                               const std::vector<model::RouteElement>& elements) {
  AIGW_FAKE_BEGIN("POST version " + gateway_id + "/" + route_id);
  auto it = versions.find(route_id);
  if (it == versions.end()) {
    return not_found("route " + route_id);
  }
  it->second.push_back({next_id("v"), k_timestamp, false, elements});
  AIGW_FAKE_END(Unit{});
}

ApiStatus FakeGatewayApi::create_route_deployment(const std::string& gateway_id,
                                                  const std::string& route_id,
                                                  const std::string& version_id) {
  AIGW_FAKE_BEGIN("POST deployment " + gateway_id + "/" + route_id + " " + version_id);
  auto* live = find_if_ptr(state.routes, [&](const auto& r) {
    return r.gateway_id == gateway_id && r.server_id == route_id;
  });
  auto it = versions.find(route_id);
  if (live == nullptr || it == versions.end()) {
    return not_found("route " + route_id);
  }
  auto* version = find_if_ptr(it->second, [&](const auto& v) { return v.version_id == version_id; });
  if (version == nullptr) {
    return not_found("version " + version_id);
  }
  for (auto& v : it->second) {
    v.active = v.version_id == version_id;
  }
  live->deployed_version_id = version_id;
  live->elements = version->elements;
  AIGW_FAKE_END(Unit{});
}

ApiResult<std::optional<model::SpendingLimit>> FakeGatewayApi::get_spending_limit() {
  AIGW_FAKE_BEGIN("GET spending_limit");
  AIGW_FAKE_END(state.spending_limit);
}

ApiStatus FakeGatewayApi::set_spending_limit(const model::SpendingLimit& limit) {
  AIGW_FAKE_BEGIN("POST spending_limit");
  state.spending_limit = model::SpendingLimit{limit.fields, {}};
  AIGW_FAKE_END(Unit{});
}

ApiStatus FakeGatewayApi::delete_spending_limit() {
  AIGW_FAKE_BEGIN("DELETE spending_limit");
  state.spending_limit.reset();
  AIGW_FAKE_END(Unit{});
}

ApiResult<std::optional<model::AutoTopup>> FakeGatewayApi::get_auto_topup() {
  AIGW_FAKE_BEGIN("GET auto_topup");
  AIGW_FAKE_END(state.auto_topup);
}

ApiStatus FakeGatewayApi::set_auto_topup(const model::AutoTopup& topup) {
  AIGW_FAKE_BEGIN("POST auto_topup");
  state.auto_topup = model::AutoTopup{topup.fields, {}};
  AIGW_FAKE_END(Unit{});
}

ApiStatus FakeGatewayApi::delete_auto_topup() {
  AIGW_FAKE_BEGIN("DELETE auto_topup");
  state.auto_topup.reset();
  AIGW_FAKE_END(Unit{});
}

ApiResult<std::uint64_t> FakeGatewayApi::count_logs(const engine::LogCountQuery& query) {
  std::string description = "GET logs " + query.gateway_id;
  if (query.success) {
    description += *query.success ? " success=true" : " success=false";
  }
  if (!query.model.empty()) {
    description += " model=" + query.model;
  }
  AIGW_FAKE_BEGIN(description);
  std::uint64_t count = 0;
  for (const auto& log : logs) {
    if (log.gateway_id == query.gateway_id && log.created_at >= query.since &&
        (!query.success || *query.success == log.success) &&
        (query.model.empty() || query.model == log.model)) {
      ++count;
    }
  }
  AIGW_FAKE_END(count);
}

engine::ApiStats FakeGatewayApi::stats() const {
  std::lock_guard lock(m_mutex);
  engine::ApiStats s;
  s.requests = m_calls.size();
  for (const auto& call : m_calls) {
    ++s.by_endpoint[call.substr(0, call.find(' ', call.find(' ') + 1))];
  }
  return s;
}

#undef AIGW_FAKE_BEGIN
#undef AIGW_FAKE_END

} // namespace aigw::test
