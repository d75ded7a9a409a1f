// Provider configs: list and create only (the API has no update or delete). The secret is
// kept but never returned: reads show `secret_preview`.

#include "emulator/endpoints.h"
#include "emulator/validation.h"

#include <algorithm>
#include <array>

namespace aigw::emulator {
namespace json = boost::json;
using reference::Body;

namespace {

constexpr std::size_t k_max_alias_length = 64;
constexpr std::size_t k_max_slug_length = 128;
// Inferred: long enough secrets show their first and last 3 characters, short ones nothing.
constexpr std::size_t k_min_previewed_length = 16;

std::string preview_of(const std::string& secret) {
  if (secret.size() < k_min_previewed_length) {
    return "****";
  }
  return secret.substr(0, 3) + "..." + secret.substr(secret.size() - 3);
}

std::string text_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

Response list_configs(Call& call, GatewayRecord& gateway) {
  auto page = parse_page(call.request);
  if (!page) {
    return error_response(page.error());
  }
  json::array all;
  for (const auto& config : gateway.provider_configs) {
    all.push_back(config.fields);
  }
  return ok_page(all, *page);
}

Response create_config(Call& call, GatewayRecord& gateway) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  auto alias = require_string(*body, "alias", 1, k_max_alias_length);
  if (!alias) {
    return error_response(alias.error());
  }
  auto slug = require_string(*body, "provider_slug", 1, k_max_slug_length);
  if (!slug) {
    return error_response(slug.error());
  }
  if (auto error = check_body(*body, Body::provider_config_create)) {
    return error_response(*error);
  }
  // The reference lists both `secret` and `secret_id` as required; a config needs one of
  // them, so the emulator asks for at least one (inferred, see docs/emulator.md).
  const std::string secret = text_of(*body, "secret");
  if (secret.empty() && text_of(*body, "secret_id").empty()) {
    return error_response(invalid_request("one of 'secret' or 'secret_id' is required"));
  }
  auto& configs = gateway.provider_configs;
  if (std::any_of(configs.begin(), configs.end(), [&](const ProviderConfigRecord& c) {
        return text_of(c.fields, "provider_slug") == *slug && text_of(c.fields, "alias") == *alias;
      })) {
    return error_response(conflict("provider config '" + *slug + "/" + *alias + "' already exists"));
  }
  constexpr std::array<std::string_view, 1> k_write_only = {"secret"};
  json::object fields = kept_fields(*body, Body::provider_config_create, false, k_write_only);
  if (!fields.contains("secret_id")) {
    fields["secret_id"] = ""; // typed as a string, never absent, in the reference's response
  }
  const std::string id = call.store.new_id();
  fields["id"] = id;
  fields["alias"] = *alias;
  fields["provider_slug"] = *slug;
  fields["gateway_id"] = gateway.id();
  fields["modified_at"] = now_rfc3339();
  fields["secret_preview"] = secret.empty() ? std::string() : preview_of(secret);
  if (fields.at("default_config").as_bool()) {
    // One default per provider: a new default demotes the previous one.
    for (auto it = configs.begin(); it != configs.end(); ++it) {
      if (text_of(it->fields, "provider_slug") == *slug && it->fields.at("default_config") != false) {
        it->fields["default_config"] = false;
        note(call, Change::Kind::provider_config, gateway.id(), it.id());
      }
    }
  }
  configs.put(id, {fields, secret});
  note(call, Change::Kind::provider_config, gateway.id(), id);
  return committed(std::move(fields));
}

} // namespace

Response provider_config_endpoints(Call& call, GatewayRecord& gateway) {
  if (call.segments.size() != 3) {
    return no_route(call.request);
  }
  if (call.request.method == "GET") {
    return list_configs(call, gateway);
  }
  return call.request.method == "POST" ? create_config(call, gateway)
                                       : method_not_allowed(call.request, "GET, POST");
}

} // namespace aigw::emulator
