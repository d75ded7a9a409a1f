#include "model/credentials.h"

#include "model/kind_spec.h"
#include "util/secret.h"

#include <cctype>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace aigw::model {
namespace {

/// Shorter header values are masked where shown as fields, but not searched for in free
/// text: "support" or "false" would mask every id and JSON literal that contains them.
constexpr std::size_t k_min_searched = 12;

struct Found {
  std::string path; ///< "otel[].authorization", "otel[].headers.x-key", ...
  std::string value;
};

void collect(const std::string& path, const Value& value, std::vector<Found>& out) {
  if (is_credential_path(path)) {
    if (value.is_string() && !value.as_string().empty()) {
      out.push_back({path, value.as_string()});
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

std::vector<Found> collect_all(const Object& fields) {
  std::vector<Found> out;
  for (const auto& [name, value] : fields) {
    collect(name, value, out);
  }
  return out;
}

/// A key member_path quoted, at the start of text: the key and how many characters it
/// used, or nullopt when text does not start with a whole quoted key.
std::optional<std::pair<std::string, std::size_t>> quoted_key(std::string_view text) {
  std::string key;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '"') {
      return std::pair{std::move(key), i + 1};
    }
    if (text[i] == '\\' && i + 1 < text.size()) {
      ++i;
    }
    key += text[i];
  }
  return std::nullopt;
}

bool ends_step(std::string_view rest, std::size_t at) {
  return rest.size() == at || rest[at] == '.' || rest[at] == '[';
}

/// value_at for a const or a mutable Object.
template <class ObjectT> auto* find_at(ObjectT& fields, std::string_view path) {
  using ValueT = std::conditional_t<std::is_const_v<ObjectT>, const Value, Value>;
  ObjectT* object = &fields;
  std::string_view rest = path;
  for (;;) {
    // A quoted key exactly; else the longest key of this object that the rest starts with,
    // followed by its end, a '.' or a '['.
    ValueT* found = nullptr;
    std::size_t used = 0;
    if (rest.starts_with('"')) {
      const auto quoted = quoted_key(rest);
      if (!quoted || !ends_step(rest, quoted->second)) {
        return static_cast<ValueT*>(nullptr);
      }
      const auto it = object->find(quoted->first);
      found = it == object->end() ? nullptr : &it->second;
      used = quoted->second;
    } else {
      for (auto& [key, member] : *object) {
        if (rest.starts_with(key) && ends_step(rest, key.size()) && key.size() >= used) {
          found = &member;
          used = key.size();
        }
      }
    }
    if (found == nullptr) {
      return static_cast<ValueT*>(nullptr);
    }
    rest.remove_prefix(used);
    while (rest.starts_with('[')) {
      const auto close = rest.find(']');
      if (close == std::string_view::npos || close > 10 || !found->is_array()) {
        return static_cast<ValueT*>(nullptr);
      }
      std::size_t index = 0;
      for (const char c : rest.substr(1, close - 1)) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
          return static_cast<ValueT*>(nullptr);
        }
        index = index * 10 + static_cast<std::size_t>(c - '0');
      }
      auto& items = found->as_array();
      if (close == 1 || index >= items.size()) {
        return static_cast<ValueT*>(nullptr);
      }
      found = &items[index];
      rest.remove_prefix(close + 1);
    }
    if (rest.empty()) {
      return found;
    }
    if (!rest.starts_with('.') || !found->is_object()) {
      return static_cast<ValueT*>(nullptr);
    }
    rest.remove_prefix(1);
    object = &found->as_object();
  }
}

} // namespace

std::string member_path(const std::string& path, const std::string& key) {
  const std::string prefix = path.empty() ? "" : path + ".";
  if (!key.empty() && key.find_first_of(".[]\" \t\\") == std::string::npos) {
    return prefix + key;
  }
  std::string quoted = prefix + "\"";
  for (const char c : key) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
    }
    quoted += c;
  }
  return quoted + "\"";
}

std::string without_indices(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    out += path[i];
    if (path[i] == '[' && i + 1 < path.size() && std::isdigit(static_cast<unsigned char>(path[i + 1]))) {
      while (i + 1 < path.size() && path[i + 1] != ']') {
        ++i;
      }
    }
  }
  return out;
}

Value* value_at(Object& fields, const std::string& path) { return find_at(fields, path); }

const Value* value_at(const Object& fields, const std::string& path) {
  return find_at(fields, path);
}

bool is_credential_path(const std::string& path) {
  // Only below a field: a sensitive field itself (a provider secret) is never diffed nor
  // shown, so it has no path to mask.
  if (path.find_first_of(".[") == std::string::npos) {
    return false;
  }
  for (const auto& kind : all_kinds()) {
    if (const auto* spec = find_field_at(kind.kind, path); spec != nullptr && spec->sensitive) {
      return true;
    }
  }
  return false;
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

std::vector<std::string> searchable_credentials(const Object& fields) {
  std::vector<std::string> out;
  for (auto& found : collect_all(fields)) {
    if (found.path.ends_with(".authorization")) {
      // "Bearer TOKEN": an API that rejects it may echo the token alone.
      const auto space = found.value.find_last_of(" \t");
      if (space != std::string::npos && found.value.size() - space - 1 >= k_min_searched) {
        out.push_back(found.value.substr(space + 1));
      }
      out.push_back(std::move(found.value));
    } else if (found.value.size() >= k_min_searched) {
      out.push_back(std::move(found.value));
    }
  }
  return out;
}

void register_gateway_credentials(const Object& fields) {
  for (const auto& value : searchable_credentials(fields)) {
    Redactor::global().add(value);
  }
}

} // namespace aigw::model
