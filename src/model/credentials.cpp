#include "model/credentials.h"

#include "util/secret.h"

namespace aigw::model {
namespace {

void collect(const std::string& path, const Value& value, std::vector<std::string>& out) {
  if (is_credential_path(path)) {
    if (value.is_string() && !value.as_string().empty()) {
      out.push_back(value.as_string());
    }
    return;
  }
  if (value.is_object()) {
    for (const auto& [key, member] : value.as_object()) {
      collect(path + "." + key, member, out);
    }
  } else if (value.is_array()) {
    for (const auto& item : value.as_array()) {
      collect(path + "[]", item, out);
    }
  }
}

} // namespace

bool is_credential_path(const std::string& path) {
  static const std::string k_headers = "otel[].headers.";
  return path == "otel[].authorization" || path == "stripe.authorization" ||
         (path.size() > k_headers.size() && path.starts_with(k_headers));
}

Value mask_credentials(const std::string& path, const Value& value) {
  if (is_credential_path(path)) {
    return Value(std::string(Secret::k_mask));
  }
  if (value.is_object()) {
    Object out;
    for (const auto& [key, member] : value.as_object()) {
      out.emplace(key, mask_credentials(path + "." + key, member));
    }
    return out;
  }
  if (value.is_array()) {
    Array out;
    for (const auto& item : value.as_array()) {
      out.push_back(mask_credentials(path + "[]", item));
    }
    return out;
  }
  return value;
}

std::vector<std::string> gateway_credentials(const Object& fields) {
  std::vector<std::string> out;
  for (const auto& name : {"otel", "stripe"}) {
    if (auto it = fields.find(name); it != fields.end()) {
      collect(name, it->second, out);
    }
  }
  return out;
}

void register_gateway_credentials(const Object& fields) {
  for (const auto& value : gateway_credentials(fields)) {
    Redactor::global().add(value);
  }
}

} // namespace aigw::model
