#include "emulator/http_message.h"

namespace aigw::emulator {

const std::string* Request::query_value(const std::string& key) const {
  for (const auto& [name, value] : query) {
    if (name == key) {
      return &value;
    }
  }
  return nullptr;
}

const std::string* Request::header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? nullptr : &it->second;
}

bool is_write_method(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

} // namespace aigw::emulator
