// Custom providers (account level): list (page, per_page, beta, enable, search by id, name or
// slug; ordered by position, then name), create, get, delete. There is no update. The slug
// is unique within the account (requests name the provider `custom-{slug}`): a duplicate is
// 409. Fields transcribed from the official SDK (resources/ai-gateway/custom-providers.d.ts),
// which the seeds lack; `headers` is a string holding a JSON object of extra headers.

#include "emulator/endpoints.h"
#include "emulator/validation.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace aigw::emulator {
namespace json = boost::json;
using reference::Field;
using reference::Type;

namespace {

constexpr std::size_t k_max_text = 1024;

Field text(std::string_view name, bool required = false) {
  return Field{.name = name, .type = Type::string, .required = required, .min = 1,
               .max = static_cast<double>(k_max_text)};
}

/// The create body, as the SDK's CustomProviderCreateParams types it.
const std::vector<Field>& create_fields() {
  static const std::vector<Field> fields = [] {
    std::vector<Field> f;
    f.push_back(text("name", true));
    f.push_back(text("slug", true));
    Field base_url = text("base_url", true);
    base_url.uri = true;
    f.push_back(base_url);
    f.push_back(Field{.name = "beta", .type = Type::boolean});
    f.push_back(Field{.name = "enable", .type = Type::boolean});
    f.push_back(Field{.name = "description", .type = Type::string});
    f.push_back(Field{.name = "link", .type = Type::string});
    f.push_back(Field{.name = "curl_example", .type = Type::string});
    f.push_back(Field{.name = "js_example", .type = Type::string});
    f.push_back(Field{.name = "headers", .type = Type::string});
    f.push_back(Field{.name = "position", .type = Type::integer, .min = 0});
    return f;
  }();
  return fields;
}

std::optional<ApiError> check_create(const json::object& body) {
  for (const auto& field : create_fields()) {
    const auto* value = body.if_contains(field.name);
    if (value == nullptr) {
      if (field.required) {
        return invalid_request("missing required field '" + std::string(field.name) + "'");
      }
      continue;
    }
    if (auto error = check_value(field, *value, std::string(field.name))) {
      return error;
    }
  }
  if (const auto* headers = body.if_contains("headers"); headers != nullptr) {
    // A string that must hold a JSON object of string values.
    auto parsed = parse_object_body(std::string(headers->as_string()));
    const bool strings = parsed && std::all_of(parsed->begin(), parsed->end(), [](const auto& kv) {
                           return kv.value().is_string();
                         });
    if (!strings) {
      return invalid_request("'headers' must be a JSON object of string values");
    }
  }
  return std::nullopt;
}

std::string string_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool matches(const json::object& provider, const Request& request,
             const std::optional<bool>& beta, const std::optional<bool>& enable) {
  auto flag = [&](std::string_view key, const std::optional<bool>& want) {
    const auto* v = provider.if_contains(key);
    return !want || (v != nullptr && v->is_bool() && v->as_bool() == *want);
  };
  if (!flag("beta", beta) || !flag("enable", enable)) {
    return false;
  }
  const std::string* search = request.query_value("search");
  if (search == nullptr) {
    return true;
  }
  constexpr std::array<std::string_view, 3> k_searched = {"id", "name", "slug"};
  return std::any_of(k_searched.begin(), k_searched.end(), [&](std::string_view key) {
    return string_of(provider, key).find(*search) != std::string::npos;
  });
}

Response list_providers(Call& call) {
  auto page = parse_page(call.request);
  if (!page) {
    return error_response(page.error());
  }
  auto beta = parse_bool_query(call.request, "beta");
  if (!beta) {
    return error_response(beta.error());
  }
  auto enable = parse_bool_query(call.request, "enable");
  if (!enable) {
    return error_response(enable.error());
  }
  std::vector<const json::object*> selected;
  for (const auto& provider : call.account.custom_providers) {
    if (matches(provider, call.request, *beta, *enable)) {
      selected.push_back(&provider);
    }
  }
  auto position = [](const json::object* p) {
    const auto* v = p->if_contains("position");
    return v != nullptr && v->is_number() ? v->to_number<double>() : 0.0;
  };
  std::stable_sort(selected.begin(), selected.end(), [&](const auto* a, const auto* b) {
    return std::pair(position(a), string_of(*a, "name")) <
           std::pair(position(b), string_of(*b, "name"));
  });
  json::array all;
  for (const auto* provider : selected) {
    all.push_back(*provider);
  }
  return ok_page(all, *page);
}

Response create_provider(Call& call) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  if (auto error = check_create(*body)) {
    return error_response(*error);
  }
  const std::string slug = string_of(*body, "slug");
  for (const auto& provider : call.account.custom_providers) {
    if (string_of(provider, "slug") == slug) {
      return error_response(conflict("a custom provider with slug '" + slug + "' already exists"));
    }
  }
  json::object fields;
  for (const auto& field : create_fields()) {
    if (const auto* value = body->if_contains(field.name)) {
      fields[field.name] = *value;
    }
  }
  const std::string id = call.store.new_id();
  const std::string now = now_rfc3339();
  fields["id"] = id;
  fields["created_at"] = now;
  fields["modified_at"] = now;
  call.account.custom_providers.put(id, fields);
  note(call, Change::Kind::custom_provider, "", id);
  return committed(std::move(fields));
}

} // namespace

Response custom_provider_endpoints(Call& call) {
  const std::string& method = call.request.method;
  if (call.segments.size() == 1) {
    if (method == "GET") {
      return list_providers(call);
    }
    return method == "POST" ? create_provider(call) : method_not_allowed(call.request, "GET, POST");
  }
  if (call.segments.size() != 2) {
    return no_route(call.request);
  }
  const std::string& id = call.segments[1];
  json::object* provider = call.account.custom_providers.find(id);
  if (provider == nullptr) {
    return error_response(not_found("custom provider '" + id + "' not found"));
  }
  if (method == "GET") {
    return ok_result(*provider);
  }
  if (method != "DELETE") {
    return method_not_allowed(call.request, "GET, DELETE");
  }
  json::object removed = *provider;
  call.account.custom_providers.erase(id);
  note(call, Change::Kind::custom_provider, "", id);
  return committed(std::move(removed));
}

} // namespace aigw::emulator
