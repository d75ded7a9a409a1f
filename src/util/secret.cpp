#include "util/secret.h"

#include "util/json_escape.h"

#include <algorithm>
#include <ostream>

namespace aigw {

Secret::Secret(std::string value) : m_value(std::move(value)) {
  Redactor::global().add(m_value);
}

std::ostream& operator<<(std::ostream& out, const Secret&) { return out << Secret::k_mask; }

Redactor& Redactor::global() {
  static Redactor instance;
  return instance;
}

namespace {

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

/// The forms a secret takes inside a JSON string: as aigw writes it (a server that echoes
/// the request body in its error echoes that), with `/` escaped, and HTML-safe as Go's
/// encoder writes it (`<`, `>` and `&` as unicode escapes).
std::vector<std::string> json_forms(std::string_view value) {
  std::vector<std::string> forms{json_escape(value)};
  forms.push_back(replace_all(forms.front(), "/", "\\/"));
  forms.push_back(replace_all(
      replace_all(replace_all(forms.front(), "&", "\\u0026"), "<", "\\u003c"), ">", "\\u003e"));
  return forms;
}

} // namespace

void Redactor::add(std::string_view value) {
  if (value.size() < 4) {
    return;
  }
  std::lock_guard lock(m_mutex);
  bool added = false;
  for (auto form : json_forms(value)) {
    if (form != value && std::find(m_values.begin(), m_values.end(), form) == m_values.end()) {
      m_values.push_back(std::move(form));
      added = true;
    }
  }
  if (std::find(m_values.begin(), m_values.end(), value) == m_values.end()) {
    m_values.emplace_back(value);
    added = true;
  }
  if (added) {
    // Longest first, so a secret that contains another is masked whole.
    std::sort(m_values.begin(), m_values.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }
}

std::string Redactor::redact(std::string_view text) const {
  std::string out(text);
  std::lock_guard lock(m_mutex);
  for (const auto& value : m_values) {
    for (auto pos = out.find(value); pos != std::string::npos;
         pos = out.find(value, pos + Secret::k_mask.size())) {
      out.replace(pos, value.size(), Secret::k_mask);
    }
  }
  return out;
}

void Redactor::clear() {
  std::lock_guard lock(m_mutex);
  m_values.clear();
}

} // namespace aigw
