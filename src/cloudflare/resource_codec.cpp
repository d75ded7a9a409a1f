#include "cloudflare/resource_codec.h"

#include "cloudflare/json_codec.h"
#include "model/credentials.h"
#include "model/field_spec.h"
#include "util/printable.h"
#include "util/secret.h"

#include <algorithm>
#include <initializer_list>

namespace aigw::cloudflare {
namespace {

using model::FieldType;
using model::Object;
using model::ResourceKind;
using model::Value;

bool has_type(const Value& value, FieldType type) {
  switch (type) {
  case FieldType::boolean: return value.is_bool();
  case FieldType::number: return value.is_number();
  case FieldType::string:
  case FieldType::enumeration: return value.is_string();
  case FieldType::object:
  case FieldType::map: return value.is_object();
  case FieldType::array: return value.is_array();
  case FieldType::scalar: return value.is_string() || value.is_number() || value.is_bool();
  case FieldType::any: return true;
  }
  return false;
}

/// Checks the type of every field the table knows; null counts as "not set".
Result<Object> checked_object(Value value, ResourceKind kind) {
  if (!value.is_object()) {
    return Error{std::string(model::resource_kind_name(kind)) + " is a " +
                 model::kind_name(value.kind()) + ", expected an object"};
  }
  for (const auto& [key, field] : value.as_object()) {
    const auto* spec = model::find_field(kind, key);
    if (spec != nullptr && !field.is_null() && !has_type(field, spec->type)) {
      return Error{std::string(model::resource_kind_name(kind)) + " field '" + key + "' is a " +
                   model::kind_name(field.kind()) + ", expected a " + std::string(model::json_type_name(spec->type))};
    }
  }
  return std::move(value.as_object());
}

Result<std::string> take_string(Object& object, const std::string& key, ResourceKind kind) {
  auto it = object.find(key);
  if (it == object.end() || !it->second.is_string()) {
    return Error{std::string(model::resource_kind_name(kind)) + " has no string '" + key + "'"};
  }
  std::string out = it->second.as_string();
  object.erase(it);
  return out;
}

/// Ids from the API go into request paths and onto the terminal: an empty id would address
/// the collection, "." or ".." a parent once a proxy normalises the path, and a control
/// character could rewrite the screen. Such an id is a decode error, never used.
Result<std::string> checked_id(std::string id, std::string_view what) {
  if (id.empty() || id == "." || id == "..") {
    return Error{std::string(what) + " id '" + id + "' is not a usable id"};
  }
  if (has_control_character(id)) {
    return Error{std::string(what) + " id contains a control character"};
  }
  return id;
}

/// Names are identities shown in every plan. One with a control character (made in the
/// dashboard, or by a client that let it through) is read escaped (escaped_name: "a\x0ab"):
/// it prints on one line, stays distinct from every other name, and matches no declared
/// name (the configuration refuses escape sequences in names), so it is never sent back
/// as a name; a prune deletes it by its id. Refusing it would stop every read of its gateway.
std::string checked_name(std::string name) { return escaped_name(std::move(name)); }

/// A checked object with its string `id` taken out of the fields.
struct Identified {
  std::string id;
  Object fields;
};

Result<Identified> identified(Value value, ResourceKind kind) {
  auto fields = checked_object(std::move(value), kind);
  if (!fields) {
    return fields.error();
  }
  auto id = take_string(*fields, "id", kind);
  if (!id) {
    return id.error();
  }
  auto checked = checked_id(std::move(*id), model::resource_kind_name(kind));
  if (!checked) {
    return checked.error();
  }
  return Identified{std::move(*checked), std::move(*fields)};
}

const std::string* string_member(const Value& value, const std::string& key) {
  const auto* member = value.find(key);
  return member != nullptr && member->is_string() ? &member->as_string() : nullptr;
}

/// Elements from an `elements` array, else from a JSON string member (`data`).
Result<std::vector<model::RouteElement>> read_elements(Value* elements, const std::string* json) {
  if (elements != nullptr) {
    auto parsed = model::elements_from_value(std::move(*elements));
    if (!parsed) {
      return Error{"'elements' is not an array of elements with string 'id' and 'type'"};
    }
    return std::move(*parsed);
  }
  if (json == nullptr) {
    return Error{"neither 'elements' nor a 'data' string with the elements"};
  }
  auto value = parse_json(*json);
  if (!value) {
    return Error{"version 'data' is not JSON: " + value.error().message};
  }
  auto parsed = model::elements_from_value(std::move(*value));
  if (!parsed) {
    return Error{"version 'data' is not an array of elements"};
  }
  return std::move(*parsed);
}

void drop(Object& object, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    object.erase(key);
  }
}

/// Writable fields of `fields` (unknown ones included unless known_only): never a read-only
/// field, never a sensitive one (credentials travel apart from `fields`). What a create
/// call accepts, and the defaults it needs, are the engine's business (engine::create_body):
/// a body is sent as the engine built it.
Object writable_fields(ResourceKind kind, const Object& fields, bool known_only) {
  Object out;
  for (const auto& [key, value] : fields) {
    const auto* spec = model::find_field(kind, key);
    if (spec == nullptr ? known_only : (spec->read_only || spec->sensitive)) {
      continue;
    }
    out.emplace(key, value);
  }
  return out;
}

} // namespace

Result<model::Gateway> gateway_from_value(Value value) {
  auto object = identified(std::move(value), ResourceKind::gateway);
  if (!object) {
    return object.error();
  }
  // Live OTel/Stripe credentials are registered so that no error or log line can echo them.
  model::register_gateway_credentials(object->fields);
  return model::Gateway{std::move(object->id), std::move(object->fields), {}};
}

Result<model::Dataset> dataset_from_value(const std::string& gateway_id, Value value) {
  auto object = identified(std::move(value), ResourceKind::dataset);
  if (!object) {
    return object.error();
  }
  auto name = take_string(object->fields, "name", ResourceKind::dataset);
  if (name) {
    name = checked_name(std::move(*name));
  }
  if (!name) {
    return name.error();
  }
  drop(object->fields, {"gateway_id"});
  return model::Dataset{gateway_id, std::move(*name), std::move(object->id),
                        std::move(object->fields), {}};
}

Result<model::ProviderConfig> provider_config_from_value(const std::string& gateway_id,
                                                         Value value) {
  auto object = identified(std::move(value), ResourceKind::provider_config);
  if (!object) {
    return object.error();
  }
  auto slug = take_string(object->fields, "provider_slug", ResourceKind::provider_config);
  auto alias = take_string(object->fields, "alias", ResourceKind::provider_config);
  for (auto* part : {&slug, &alias}) {
    if (*part) {
      *part = checked_name(std::move(**part));
    }
    if (!*part) {
      return part->error();
    }
  }
  drop(object->fields, {"gateway_id"});
  model::ProviderConfig out;
  out.gateway_id = gateway_id;
  out.provider_slug = std::move(*slug);
  out.alias = std::move(*alias);
  out.server_id = std::move(object->id);
  out.fields = std::move(object->fields);
  return out;
}

Result<model::Route> route_from_value(const std::string& gateway_id, Value value) {
  const auto* id = string_member(value, "id");
  const auto* name = string_member(value, "name");
  if (id == nullptr || name == nullptr) {
    return Error{"route has no string 'id' or 'name'"};
  }
  auto route_id = checked_id(*id, "route");
  if (!route_id) {
    return route_id.error();
  }
  std::string route_name = checked_name(*name);
  const Value* version = value.find("version");
  auto elements = read_elements(value.find("elements"),
                                version != nullptr ? string_member(*version, "data") : nullptr);
  if (!elements) {
    return Error{"route '" + route_name + "': " + elements.error().message};
  }
  model::Route out;
  out.gateway_id = gateway_id;
  out.name = std::move(route_name);
  out.server_id = std::move(*route_id);
  out.elements = std::move(*elements);
  const Value* deployment = value.find("deployment");
  if (const auto* deployed = deployment ? string_member(*deployment, "version_id") : nullptr) {
    out.deployed_version_id = *deployed;
  } else if (const auto* current = version ? string_member(*version, "version_id") : nullptr) {
    out.deployed_version_id = *current;
  }
  if (!out.deployed_version_id.empty()) {
    auto checked = checked_id(out.deployed_version_id, "route version");
    if (!checked) {
      return checked.error();
    }
  }
  return out;
}

Result<model::RouteVersion> route_version_from_value(Value value) {
  const auto* id = string_member(value, "version_id");
  if (id == nullptr) {
    return Error{"route version has no string 'version_id'"};
  }
  if (auto checked = checked_id(*id, "route version"); !checked) {
    return checked.error();
  }
  auto elements = read_elements(value.find("elements"), string_member(value, "data"));
  if (!elements) {
    return Error{"route version '" + *id + "': " + elements.error().message};
  }
  model::RouteVersion out;
  out.version_id = *id;
  if (const auto* created = string_member(value, "created_at")) {
    out.created_at = *created;
  }
  // The API spells `active` as the string "true"/"false"; accept a boolean as well.
  if (const auto* active = value.find("active"); active != nullptr) {
    out.active = active->is_bool() ? active->as_bool()
                                   : (active->is_string() && active->as_string() == "true");
  }
  out.elements = std::move(*elements);
  return out;
}

/// A billing singleton's fields that are set: the reference answers the object even when
/// nothing is configured, with every field null, and adds status fields (`disabledReason`,
/// `error`, `lastFailedAt`) that are not settings. Null reads as "not set".
Object set_fields(Object fields, ResourceKind kind) {
  for (auto it = fields.begin(); it != fields.end();) {
    it = it->second.is_null() || model::find_field(kind, it->first) == nullptr ? fields.erase(it)
                                                                              : std::next(it);
  }
  return fields;
}

Result<std::optional<model::SpendingLimit>> spending_limit_from_value(const Value& result) {
  if (result.is_null()) {
    return std::optional<model::SpendingLimit>{};
  }
  if (!result.is_object()) {
    return Error{"spending limit result is not an object"};
  }
  const Value* config = result.find("config");
  const Value* enabled = result.find("enabled");
  // "Nothing set" reads as a config whose fields are null (or an older null config) with
  // `enabled: false`; a disabled limit is not enforced, so it counts as absent too.
  if (config == nullptr || config->is_null() ||
      (enabled != nullptr && enabled->is_bool() && !enabled->as_bool())) {
    return std::optional<model::SpendingLimit>{};
  }
  auto fields = checked_object(*config, ResourceKind::spending_limit);
  if (!fields) {
    return fields.error();
  }
  Object set = set_fields(std::move(*fields), ResourceKind::spending_limit);
  if (set.empty()) {
    return std::optional<model::SpendingLimit>{};
  }
  return std::optional<model::SpendingLimit>(model::SpendingLimit{std::move(set), {}});
}

Result<std::optional<model::AutoTopup>> auto_topup_from_value(const Value& result) {
  if (result.is_null()) {
    return std::optional<model::AutoTopup>{};
  }
  auto fields = checked_object(result, ResourceKind::auto_topup);
  if (!fields) {
    return fields.error();
  }
  Object set = set_fields(std::move(*fields), ResourceKind::auto_topup);
  if (set.empty()) {
    return std::optional<model::AutoTopup>{};
  }
  return std::optional<model::AutoTopup>(model::AutoTopup{std::move(set), {}});
}

Result<model::CustomProvider> custom_provider_from_value(Value value) {
  auto object = identified(std::move(value), ResourceKind::custom_provider);
  if (!object) {
    return object.error();
  }
  auto slug = take_string(object->fields, "slug", ResourceKind::custom_provider);
  if (slug) {
    slug = checked_name(std::move(*slug));
  }
  if (!slug) {
    return slug.error();
  }
  if (auto it = object->fields.find("headers");
      it != object->fields.end() && it->second.is_string()) {
    Redactor::global().add(it->second.as_string());
  }
  model::CustomProvider out;
  out.slug = std::move(*slug);
  out.server_id = std::move(object->id);
  out.fields = std::move(object->fields);
  return out;
}

Value custom_provider_body(const model::CustomProvider& provider) {
  Object body = provider.fields;
  body.insert_or_assign("slug", provider.slug);
  if (provider.headers) {
    body.insert_or_assign("headers", provider.headers->reveal());
  }
  return body;
}

Value gateway_body(const model::Gateway& gateway) {
  Object body = writable_fields(ResourceKind::gateway, gateway.fields, false);
  body.insert_or_assign("id", gateway.id);
  return body;
}

Value dataset_body(const model::Dataset& dataset) {
  Object body = writable_fields(ResourceKind::dataset, dataset.fields, false);
  drop(body, {"name", "gateway_id"});
  body.insert_or_assign("name", dataset.name);
  return body;
}

Value provider_config_body(const model::ProviderConfig& config) {
  Object body = writable_fields(ResourceKind::provider_config, config.fields, true);
  body.insert_or_assign("provider_slug", config.provider_slug);
  body.insert_or_assign("alias", config.alias);
  if (config.secret) {
    body.insert_or_assign("secret", config.secret->reveal());
  }
  return body;
}

Value route_create_body(const model::Route& route) {
  return Object{{"name", route.name}, {"elements", model::elements_to_value(route.elements)}};
}

Value billing_body(ResourceKind kind, const Object& fields) {
  return writable_fields(kind, fields, true);
}

} // namespace aigw::cloudflare
