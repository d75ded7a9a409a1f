#include "config/export_writer.h"

#include "model/credentials.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

namespace aigw::config {
namespace {

using model::Value;

/// True when a plain scalar with this text would not read back as a string (YAML 1.2
/// core schema, plus the YAML 1.1 booleans other tools still read) or would lose spaces.
bool needs_quotes(const std::string& text) {
  static const std::regex special(
      R"(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)");
  static const std::regex number(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0x[0-9a-fA-F]+|0o[0-7]+)");
  return text.empty() || text.front() == ' ' || text.back() == ' ' ||
         std::regex_match(text, special) || std::regex_match(text, number);
}

/// `${` -> `$${`, so that interpolation gives the text back.
std::string escape_references(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      out += '$';
    }
    out += text[i];
  }
  return out;
}

std::string number_text(double number) {
  if (std::trunc(number) == number && std::fabs(number) < 9.0e15) {
    return std::to_string(static_cast<long long>(number));
  }
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), number);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(number);
}

void emit_string(YAML::Emitter& out, const std::string& text) {
  const std::string escaped = escape_references(text);
  if (needs_quotes(escaped)) {
    out << YAML::DoubleQuoted << escaped;
  } else {
    out << escaped;
  }
}

void emit_reference(YAML::Emitter& out, const std::string& variable) {
  out << ("${" + variable + "}");
}

/// Scalars under value, or -1 when it holds a list of collections (never one line).
int leaf_count(const Value& value, int depth) {
  if (!value.is_array() && !value.is_object()) {
    return 1;
  }
  if (depth > 2) {
    return -1;
  }
  int leaves = 0;
  const auto add = [&](const Value& member) {
    const int n = leaf_count(member, depth + 1);
    leaves = (leaves < 0 || n < 0) ? -1 : leaves + n;
  };
  if (value.is_array()) {
    for (const auto& item : value.as_array()) {
      if (item.is_array() || item.is_object()) {
        return -1;
      }
      add(item);
    }
  } else {
    for (const auto& [key, member] : value.as_object()) {
      add(member);
    }
  }
  return leaves;
}

/// True for a small value that reads well on one line: `{ elementId: end }`, `[false]`,
/// `{next: {elementId: m}}`.
bool is_compact(const Value& value) {
  const int leaves = leaf_count(value, 1);
  return leaves >= 0 && leaves <= 4 && value.to_json().size() <= 72;
}

/// Emits a value; `path` ("otel[].authorization") says where, for credential references.
void emit_value(YAML::Emitter& out, const Value& value, const std::string& path) {
  switch (value.kind()) {
  case Value::Kind::null: out << YAML::Null; return;
  case Value::Kind::boolean: out << value.as_bool(); return;
  case Value::Kind::number: out << number_text(value.as_number()); return;
  case Value::Kind::string:
    if (model::is_credential_path(path)) {
      emit_reference(out, value.as_string());
    } else {
      emit_string(out, value.as_string());
    }
    return;
  case Value::Kind::array:
    out << (is_compact(value) ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
    for (const auto& item : value.as_array()) {
      emit_value(out, item, path + "[]");
    }
    out << YAML::EndSeq;
    return;
  case Value::Kind::object:
    out << (is_compact(value) ? YAML::Flow : YAML::Block) << YAML::BeginMap;
    for (const auto& [key, member] : value.as_object()) {
      out << YAML::Key;
      emit_string(out, key);
      out << YAML::Value;
      emit_value(out, member, path.empty() ? key : path + "." + key);
    }
    out << YAML::EndMap;
    return;
  }
}

void emit_fields(YAML::Emitter& out, const model::Object& fields) {
  for (const auto& [name, value] : fields) {
    out << YAML::Key << name << YAML::Value;
    emit_value(out, value, name);
  }
}

void emit_element(YAML::Emitter& out, const model::RouteElement& element) {
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value;
  emit_string(out, element.id);
  out << YAML::Key << "type" << YAML::Value << element.type;
  if (!element.properties.empty()) {
    out << YAML::Key << "properties" << YAML::Value;
    emit_value(out, element.properties, "properties");
  }
  out << YAML::Key << "outputs" << YAML::Value;
  emit_value(out, element.outputs, "outputs");
  out << YAML::EndMap;
}

/// Emits `key:` and the items of one gateway (skipped entirely when it has none).
template <class Item, class EmitOne>
void emit_children(YAML::Emitter& out, const char* key, const std::vector<Item>& items,
                   const std::string& gateway_id, EmitOne emit_one) {
  bool any = false;
  for (const auto& item : items) {
    if (item.gateway_id != gateway_id) {
      continue;
    }
    if (!any) {
      out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
      any = true;
    }
    out << YAML::BeginMap;
    emit_one(item);
    out << YAML::EndMap;
  }
  if (any) {
    out << YAML::EndSeq;
  }
}

void emit_gateway(YAML::Emitter& out, const model::Desired& desired, const model::Gateway& gw) {
  const auto& r = desired.resources;
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value;
  emit_string(out, gw.id);
  emit_fields(out, gw.fields);
  emit_children(out, "datasets", r.datasets, gw.id, [&out](const model::Dataset& dataset) {
    out << YAML::Key << "name" << YAML::Value;
    emit_string(out, dataset.name);
    emit_fields(out, dataset.fields);
  });
  emit_children(out, "provider_configs", r.provider_configs, gw.id,
                [&out](const model::ProviderConfig& config) {
                  out << YAML::Key << "provider_slug" << YAML::Value;
                  emit_string(out, config.provider_slug);
                  out << YAML::Key << "alias" << YAML::Value;
                  emit_string(out, config.alias);
                  emit_fields(out, config.fields);
                  if (!config.secret_env.empty()) {
                    out << YAML::Key << "secret" << YAML::Value;
                    emit_reference(out, config.secret_env);
                  }
                });
  emit_children(out, "routes", r.routes, gw.id, [&out](const model::Route& route) {
    out << YAML::Key << "name" << YAML::Value;
    emit_string(out, route.name);
    out << YAML::Key << "elements" << YAML::Value << YAML::BeginSeq;
    for (const auto& element : route.elements) {
      emit_element(out, element);
    }
    out << YAML::EndSeq;
  });
  out << YAML::EndMap;
}

void emit_account(YAML::Emitter& out, const model::Desired& desired) {
  out << YAML::Key << "account_id" << YAML::Value << "${CLOUDFLARE_ACCOUNT_ID}";
  if (!desired.scope.empty()) {
    out << YAML::Key << "scope" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& glob : desired.scope) {
      emit_string(out, glob);
    }
    out << YAML::EndSeq;
  }
}

void emit_billing(YAML::Emitter& out, const model::Desired& desired) {
  const auto& r = desired.resources;
  out << YAML::Key << "billing" << YAML::Value << YAML::BeginMap;
  if (r.spending_limit) {
    out << YAML::Key << "spending_limit" << YAML::Value;
    emit_value(out, r.spending_limit->fields, "");
  }
  if (r.auto_topup) {
    out << YAML::Key << "auto_topup" << YAML::Value;
    emit_value(out, r.auto_topup->fields, "");
  }
  out << YAML::EndMap;
}

/// `custom_providers:`, slug first, headers as the variable export named for them.
void emit_custom_providers(YAML::Emitter& out, const model::Desired& desired) {
  out << YAML::Key << "custom_providers" << YAML::Value << YAML::BeginSeq;
  for (const auto& provider : desired.resources.custom_providers) {
    out << YAML::BeginMap << YAML::Key << "slug" << YAML::Value;
    emit_string(out, provider.slug);
    emit_fields(out, provider.fields);
    if (!provider.headers_env.empty()) {
      out << YAML::Key << "headers" << YAML::Value;
      emit_reference(out, provider.headers_env);
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

bool has_billing(const model::Desired& desired) {
  return desired.resources.spending_limit.has_value() || desired.resources.auto_topup.has_value();
}

std::string finish(const YAML::Emitter& out) {
  return std::string(k_schema_modeline) + "\n" + out.c_str() + "\n";
}

} // namespace

std::vector<ExportedFile> write_export_files(const model::Desired& desired) {
  std::vector<ExportedFile> files;
  {
    YAML::Emitter out;
    out << YAML::BeginMap;
    emit_account(out, desired);
    out << YAML::EndMap;
    files.push_back({"aigw.yaml", finish(out)});
  }
  for (const auto& gateway : desired.resources.gateways) {
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "gateways" << YAML::Value << YAML::BeginSeq;
    emit_gateway(out, desired, gateway);
    out << YAML::EndSeq << YAML::EndMap;
    files.push_back({"gateways/" + gateway.id + ".yaml", finish(out)});
  }
  if (has_billing(desired)) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    emit_billing(out, desired);
    out << YAML::EndMap;
    files.push_back({"billing.yaml", finish(out)});
  }
  if (desired.custom_providers_declared) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    emit_custom_providers(out, desired);
    out << YAML::EndMap;
    files.push_back({"custom_providers.yaml", finish(out)});
  }
  return files;
}

std::string write_export_document(const model::Desired& desired) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  emit_account(out, desired);
  if (!desired.resources.gateways.empty()) {
    out << YAML::Key << "gateways" << YAML::Value << YAML::BeginSeq;
    for (const auto& gateway : desired.resources.gateways) {
      emit_gateway(out, desired, gateway);
    }
    out << YAML::EndSeq;
  }
  if (has_billing(desired)) {
    emit_billing(out, desired);
  }
  if (desired.custom_providers_declared) {
    emit_custom_providers(out, desired);
  }
  out << YAML::EndMap;
  return finish(out);
}

} // namespace aigw::config
