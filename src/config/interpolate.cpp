#include "config/interpolate.h"

#include <cctype>

namespace aigw::config {
namespace {

bool is_name(const std::string &name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])) != 0) {
    return false;
  }
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') {
      return false;
    }
  }
  return true;
}

} // namespace

Interpolated interpolate(const std::string &text, const EnvLookup &env) {
  Interpolated out;
  out.text.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out.text += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out.text += text[i++];
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      out.errors.push_back("unterminated '${' (write '$${' for a literal '${')");
      out.text += text.substr(i);
      break;
    }
    const std::string name = text.substr(i + 2, close - i - 2);
    if (!is_name(name)) {
      out.errors.push_back("invalid variable name '" + name +
                           "' in '${...}' (letters, digits and '_', not starting with a digit)");
    } else if (auto value = env(name)) {
      out.text += *value;
      out.variables.push_back(name);
    } else {
      out.errors.push_back("environment variable '" + name + "' is not set");
      out.variables.push_back(name);
      out.unset.push_back(name);
    }
    i = close + 1;
  }
  return out;
}

std::optional<std::string> sole_reference(const std::string &text) {
  if (text.size() < 4 || text.compare(0, 2, "${") != 0 || text.back() != '}') {
    return std::nullopt;
  }
  std::string name = text.substr(2, text.size() - 3);
  if (!is_name(name)) {
    return std::nullopt;
  }
  return name;
}

} // namespace aigw::config
