#include "config/json_schema.h"

#include "model/kind_spec.h"
#include "model/route_element_spec.h"
#include "util/concat.h"
#include "util/json_escape.h"

#include <algorithm>
#include <array>

namespace aigw::config {
namespace {

using model::Array;
using model::FieldSpec;
using model::FieldType;
using model::KindSpec;
using model::Object;
using model::ResourceKind;
using model::Value;

/// A credential field is exactly one ${NAME} reference (the loader refuses anything else).
constexpr std::string_view k_env_reference = R"(^\$\{[A-Za-z_][A-Za-z0-9_]*\}$)";
/// A credential member (otel and stripe `authorization`) names at least one ${NAME} that
/// the loader fills in ("Bearer ${TOKEN}"); `$${` is a literal, never a reference.
constexpr std::string_view k_env_mention = R"((^|[^$])\$\{[A-Za-z_][A-Za-z0-9_]*\})";
/// An absolute http(s) URL with a host and an optional numeric port (model/web_url.h, which
/// also checks each character), or text with a ${NAME}, checked once the loader fills it in.
constexpr std::string_view k_web_url_pattern =
    R"(^([Hh][Tt][Tt][Pp][Ss]?://([^\s/?#@\[\]]*@)?(\[[0-9A-Fa-f:.]+\]|[^\s/?#@:\[\]]+))"
    R"((:[0-9]*)?([/?#]\S*)?|.*\$\{.*)$)";
/// The gateway id is a URL path segment: unreserved characters, or ${NAME} references.
constexpr std::string_view k_gateway_id_pattern =
    R"(^([A-Za-z0-9._~-]|\$\{[A-Za-z_][A-Za-z0-9_]*\})+$)";

/// Any other identity is one line of text: no control character (C0, DEL, C1) and no
/// escape sequence such as \x0a, which is how a live name's control character is shown
/// (the loader's checks).
constexpr std::string_view k_one_line_pattern =
    R"(^(?![\s\S]*\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}))[^\u0000-\u001F\u007F-\u009F]*$)";

/// What the YAML files add around a kind's API fields: its description, how its list is
/// described, its identity keys, and whether it can be renamed in place.
struct KindDocument {
  ResourceKind kind;
  std::string_view description;
  std::string_view list_description; ///< the key listing it (for a billing singleton: itself)
  std::vector<FieldSpec> identity;   ///< in the order of KindSpec::identity
  bool renamable = false;            ///< takes `renamed_from`
};

FieldSpec identity_key(std::string_view name, std::optional<double> max,
                       std::string_view description) {
  return FieldSpec{.name = name, .type = FieldType::string, .min = 1, .max = max,
                   .description = description};
}

const std::vector<KindDocument>& documents() {
  static const std::vector<KindDocument> table = {
      {ResourceKind::gateway, "An AI Gateway gateway. Identity: id.",
       "The gateways, identified by id.",
       {identity_key("id", 64,
                     "Gateway id, unique in the account (1..64 characters). Identity of the "
                     "gateway.")}},
      {ResourceKind::dataset, "A dataset: a saved log filter of the gateway. Identity: name.",
       "Datasets of this gateway (log filters for evaluations), identified by name.",
       {identity_key("name", std::nullopt,
                     "Dataset name, unique within the gateway. Identity of the dataset.")},
       true},
      {ResourceKind::provider_config,
       "A provider config: a provider key stored in the gateway. Identity: provider_slug + "
       "alias. Create-only.",
       "Provider configs (stored provider keys), identified by provider_slug + alias. The API "
       "can only create them.",
       {identity_key("provider_slug", std::nullopt,
                     "Provider, e.g. openai, anthropic, workers-ai. Part of the identity."),
        identity_key("alias", std::nullopt,
                     "Alias of this key for the provider. Part of the identity.")}},
      {ResourceKind::route,
       "A dynamic route: a graph of elements from one start to an end. Identity: name.",
       "Dynamic routes of this gateway, identified by name.",
       {identity_key("name", std::nullopt,
                     "Route name, unique within the gateway. Identity of the route.")},
       true},
      {ResourceKind::spending_limit, "",
       "The account's spending limit. null: delete it. Omitted: unmanaged.", {}},
      {ResourceKind::auto_topup, "",
       "The account's auto top-up. null: delete it. Omitted: unmanaged.", {}},
      {ResourceKind::custom_provider,
       "A custom provider: forwards requests named custom-{slug} to base_url. Identity: slug. "
       "The API cannot update one: a change replaces it (delete, then create).",
       "The account's custom providers (account level). The key is their scope: present (even "
       "empty), aigw reads and manages every custom provider of the account (prune deletes "
       "undeclared ones); absent, none is read or changed.",
       {identity_key("slug", std::nullopt,
                     "Unique within the account; requests name the provider custom-{slug}. The "
                     "identity.")}},
  };
  return table;
}

const KindDocument& document_of(ResourceKind kind) {
  const auto& table = documents();
  return *std::find_if(table.begin(), table.end(),
                       [kind](const KindDocument& d) { return d.kind == kind; });
}

Value text(std::string_view s) { return Value(std::string(s)); }

Array texts(std::span<const std::string_view> values) {
  Array out;
  for (const auto v : values) {
    out.push_back(text(v));
  }
  return out;
}

Value nullable(std::string_view type) { return Array{text(type), text("null")}; }

Object ref(std::string_view definition) {
  return Object{{"$ref", concat("#/$defs/", definition)}};
}

/// A field's description, with what the table says about create.
std::string described(const FieldSpec& spec, bool top) {
  std::string out(spec.description);
  if (top && !spec.accepted_on_create) {
    out += " Set by an update after create.";
  }
  if (top && spec.create_default) {
    out += concat(" Default on create: ", spec.create_default->to_json(), ".");
  }
  return out;
}

Object field_schema(const FieldSpec& spec, bool top);

Object object_schema(const std::vector<FieldSpec>& members) {
  Object properties;
  Array required;
  for (const auto& member : members) {
    Object schema = field_schema(member, false);
    // Unlike a header value (a map's element), a sensitive member must come from the
    // environment, as the loader says (config/credential_references).
    if (member.sensitive && member.type == FieldType::string) {
      schema.emplace("pattern", text(k_env_mention));
    }
    properties.emplace(std::string(member.name), std::move(schema));
    if (member.required) {
      required.push_back(text(member.name));
    }
  }
  Object out{{"type", "object"}, {"additionalProperties", false}, {"properties", properties}};
  if (!required.empty()) {
    out.emplace("required", std::move(required));
  }
  return out;
}

void bound(Object& out, const FieldSpec& spec, const char* min_key, const char* max_key) {
  if (spec.min) {
    out.emplace(min_key, *spec.min);
  }
  if (spec.max) {
    out.emplace(max_key, *spec.max);
  }
}

Object field_schema(const FieldSpec& spec, bool top) {
  Object out;
  switch (spec.type) {
  case FieldType::boolean: out.emplace("type", "boolean"); break;
  case FieldType::number:
    out.emplace("type", "number");
    bound(out, spec, "minimum", "maximum");
    if (spec.whole) {
      out.emplace("multipleOf", 1);
    }
    break;
  case FieldType::string:
    out.emplace("type", "string");
    bound(out, spec, "minLength", "maxLength");
    if (top && spec.sensitive) {
      out.emplace("pattern", text(k_env_reference));
    }
    if (spec.web_url) {
      out.emplace("pattern", text(k_web_url_pattern));
    }
    break;
  case FieldType::enumeration:
    out.emplace("type", "string");
    out.emplace("enum", texts(spec.enum_values));
    break;
  case FieldType::object:
    if (!spec.variants.empty()) {
      Array forms;
      for (const auto& variant : spec.variants) {
        forms.push_back(field_schema(variant, false));
      }
      out.emplace("oneOf", std::move(forms));
    } else if (!spec.members.empty()) {
      out = object_schema(spec.members);
    } else {
      out.emplace("type", "object");
    }
    break;
  case FieldType::array:
    out.emplace("type", "array");
    bound(out, spec, "minItems", "maxItems");
    if (spec.element) {
      out.emplace("items", field_schema(*spec.element, false));
    }
    break;
  case FieldType::map:
    out.emplace("type", "object");
    if (spec.element) {
      out.emplace("additionalProperties", field_schema(*spec.element, false));
    }
    break;
  case FieldType::scalar:
    out.emplace("type", Array{text("string"), text("number"), text("boolean")});
    break;
  case FieldType::any: break;
  }
  if (const auto description = described(spec, top); !description.empty()) {
    out.emplace("description", description);
  }
  return out;
}

const Object k_protect{
    {"type", "boolean"},
    {"description", "aigw only, never sent to the API: true refuses any plan that would delete or "
                    "replace this resource, even with --force."}};
const Object k_renamed_from{
    {"type", "string"},
    {"minLength", 1},
    {"description", "aigw only: the name this object has live before a rename; the plan renames "
                    "it (dataset PUT, route PATCH, keeping its versions) instead of deleting and "
                    "creating."}};

Object output_target(const model::RouteOutputSpec* output) {
  Object element_id{{"type", "string"},
                    {"minLength", 1},
                    {"description", "Id of the element this output leads to."}};
  return Object{{"type", "object"},
                {"description", output != nullptr ? text(output->description)
                                                  : text("Where this output leads.")},
                {"additionalProperties", false},
                {"properties", Object{{"elementId", element_id}}},
                {"required", Array{text("elementId")}}};
}

Object outputs_schema(const model::RouteElementSpec& spec) {
  using Outputs = model::RouteElementSpec::Outputs;
  Object out{{"type", "object"}, {"description", text(spec.outputs_description)}};
  switch (spec.outputs_kind) {
  case Outputs::none: out.emplace("maxProperties", 0); break;
  case Outputs::shares:
    out.emplace("minProperties", 1);
    out.emplace("additionalProperties", false);
    out.emplace("patternProperties",
                Object{{R"(^([0-9]+(\.[0-9]+)?%|else)$)", output_target(nullptr)}});
    break;
  case Outputs::fixed: {
    Object properties;
    Array required;
    for (const auto& output : spec.outputs) {
      properties.emplace(std::string(output.name), output_target(&output));
      if (output.required) {
        required.push_back(text(output.name));
      }
    }
    out.emplace("additionalProperties", false);
    out.emplace("properties", std::move(properties));
    out.emplace("required", std::move(required));
    break;
  }
  }
  return out;
}

Object element_definition() {
  Array rules;
  for (const auto& spec : model::route_element_specs()) {
    Object then{{"properties", Object{{"outputs", outputs_schema(spec)}}}};
    if (!spec.properties) {
      then.emplace("not", Object{{"required", Array{text("properties")}}});
    } else {
      then["properties"].as_object().emplace("properties", field_schema(*spec.properties, false));
      if (spec.properties_required) {
        then.emplace("required", Array{text("properties")});
      }
    }
    Object condition{{"properties", Object{{"type", Object{{"const", text(spec.type)}}}}},
                     {"required", Array{text("type")}}};
    rules.push_back(Object{{"if", condition}, {"then", then}});
  }
  std::string types_description = "Element type:";
  for (const auto& spec : model::route_element_specs()) {
    types_description += concat(" ", spec.type, " (", spec.description, ")");
  }
  Object properties{
      {"id", Object{{"type", "string"},
                    {"minLength", 1},
                    {"description", "Element id, unique in the route; outputs point at it."}}},
      {"type", Object{{"type", "string"},
                      {"enum", texts(model::route_element_types())},
                      {"description", types_description}}},
      {"properties", Object{{"type", "object"},
                            {"description", "Settings of the element; depend on type "
                                            "(conditional, rate, model)."}}},
      {"outputs", Object{{"type", "object"},
                         {"description", "Output name -> {elementId}; the names depend on type."}}}};
  return Object{{"type", "object"},
                {"description", "One element of the route graph."},
                {"additionalProperties", false},
                {"required", Array{text("id"), text("type"), text("outputs")}},
                {"properties", std::move(properties)},
                {"allOf", std::move(rules)}};
}

Object route_elements() {
  return Object{{"type", "array"},
                {"minItems", 1},
                {"description", "The elements; exactly one start, every element reachable from "
                                "it, an end reachable."},
                {"items", ref("element")},
                {"contains", Object{{"properties", Object{{"type", Object{{"const", "start"}}}}},
                                    {"required", Array{text("type")}}}},
                {"minContains", 1},
                {"maxContains", 1}};
}

/// A kind's object: identity keys, the writable fields of its table, its children's lists,
/// and the keys only aigw reads.
Object kind_definition(const KindSpec& kind) {
  const auto& document = document_of(kind.kind);
  Object properties;
  Array required;
  for (const auto& key : document.identity) {
    Object schema = field_schema(key, false);
    schema.emplace("pattern", text(kind.kind == ResourceKind::gateway ? k_gateway_id_pattern
                                                                        : k_one_line_pattern));
    properties.emplace(std::string(key.name), std::move(schema));
    required.push_back(text(key.name));
  }
  for (const auto& field : kind.fields) {
    if (field.read_only) {
      continue;
    }
    properties.emplace(std::string(field.name), field_schema(field, true));
    // A key the create call needs and aigw has no default for must be declared.
    if (field.required_on_create && !field.create_default) {
      required.push_back(text(field.name));
    }
  }
  if (kind.kind == ResourceKind::route) {
    properties.emplace("elements", route_elements());
    required.push_back(text("elements"));
  }
  for (const auto& child : model::all_kinds()) {
    if (child.parent == model::Parent::gateway && kind.kind == ResourceKind::gateway) {
      properties.emplace(std::string(child.yaml_key),
                         Object{{"type", nullable("array")},
                                {"description", text(document_of(child.kind).list_description)},
                                {"items", ref(child.label)}});
    }
  }
  if (!kind.billing) {
    properties.emplace("protect", k_protect);
  }
  if (document.renamable) {
    properties.emplace("renamed_from", k_renamed_from);
  }
  Object out{{"type", kind.billing ? nullable("object") : Value("object")},
             {"additionalProperties", false},
             {"properties", std::move(properties)},
             {"required", std::move(required)}};
  const auto description = kind.billing ? document.list_description : document.description;
  out.emplace("description", text(description));
  if (kind.kind == ResourceKind::provider_config) {
    // The key itself, or the id of one held in a Secrets Store.
    out.emplace("anyOf", Array{Object{{"required", Array{text("secret")}}},
                               Object{{"required", Array{text("secret_id")}}}});
  }
  return out;
}

Object top_level_properties(Object& definitions) {
  Object properties{
      {"account_id", Object{{"type", "string"},
                            {"minLength", 1},
                            {"description", "Cloudflare account id; default: the "
                                            "CLOUDFLARE_ACCOUNT_ID environment variable."}}},
      {"prune", Object{{"type", "boolean"},
                       {"description", "true: delete live resources that are not declared, "
                                       "within scope. Default: false."}}},
      {"scope", Object{{"type", "array"},
                       {"minItems", 1},
                       {"description", "Gateway id globs (* and ?) this repository owns; omit it "
                                       "for every gateway (an empty list is an error)."},
                       {"items", Object{{"type", "string"},
                                        {"minLength", 1},
                                        {"maxLength", 64},
                                        {"description", "A gateway id glob."}}}}}};
  Object billing;
  for (const auto& kind : model::all_kinds()) {
    if (kind.billing) {
      billing.emplace(std::string(kind.yaml_key), kind_definition(kind));
      continue;
    }
    definitions.emplace(std::string(kind.label), kind_definition(kind));
    if (kind.parent == model::Parent::account) {
      properties.emplace(std::string(kind.yaml_key),
                         Object{{"type", nullable("array")},
                                {"description", text(document_of(kind.kind).list_description)},
                                {"items", ref(kind.label)}});
    }
  }
  properties.emplace(
      "billing",
      Object{{"type", nullable("object")},
             {"description",
              "Account billing settings; managed only when this section is present."},
             {"additionalProperties", false},
             {"properties", std::move(billing)}});
  return properties;
}

constexpr std::array<std::string_view, 5> k_first_keys = {"$schema", "$id", "title", "type",
                                                          "description"};

std::size_t key_rank(const std::string& key) {
  const auto* it = std::find(k_first_keys.begin(), k_first_keys.end(), key);
  return static_cast<std::size_t>(it - k_first_keys.begin());
}

/// True for an object keyed by names (property names, definitions), not by schema keywords.
bool holds_names(const std::string& key) {
  return key == "properties" || key == "$defs" || key == "patternProperties";
}

/// Writes value; `names`: its keys are names, sorted plainly.
void write(const Value& value, const std::string& indent, bool names, std::string& out) {
  const std::string inner = indent + "  ";
  if (value.is_object() && !value.as_object().empty()) {
    std::vector<const std::string*> keys;
    for (const auto& [key, member] : value.as_object()) {
      keys.push_back(&key);
    }
    if (!names) {
      std::stable_sort(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) {
        return key_rank(*a) < key_rank(*b);
      });
    }
    out += "{\n";
    for (std::size_t i = 0; i < keys.size(); ++i) {
      out += inner + "\"" + json_escape(*keys[i]) + "\": ";
      write(value.as_object().at(*keys[i]), inner, !names && holds_names(*keys[i]), out);
      out += i + 1 < keys.size() ? ",\n" : "\n";
    }
    out += indent + "}";
  } else if (value.is_array() && !value.as_array().empty()) {
    out += "[\n";
    const auto& items = value.as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      out += inner;
      write(items[i], inner, false, out);
      out += i + 1 < items.size() ? ",\n" : "\n";
    }
    out += indent + "]";
  } else {
    out += value.to_json();
  }
}

} // namespace

Value json_schema() {
  Object definitions;
  Object properties = top_level_properties(definitions);
  definitions.emplace("element", element_definition());
  return Object{
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"$id", "https://github.com/aigw/aigw/schemas/aigw.schema.json"},
      {"title", "aigw desired state"},
      {"description",
       "Cloudflare AI Gateway desired state for aigw. Field names are the API's own. An omitted "
       "optional field is unmanaged: aigw neither diffs nor changes it. Any string may use "
       "${NAME} environment interpolation; $${ is a literal ${. Generated by `aigw schema` from "
       "aigw's field table."},
      {"type", "object"},
      {"additionalProperties", false},
      {"properties", std::move(properties)},
      {"$defs", std::move(definitions)}};
}

std::string json_schema_text() {
  std::string out;
  write(json_schema(), "", false, out);
  out += "\n";
  return out;
}

} // namespace aigw::config
