#include "util/secret.h"

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

void Redactor::add(std::string_view value) {
  if (value.size() < 4) {
    return;
  }
  std::lock_guard lock(m_mutex);
  if (std::find(m_values.begin(), m_values.end(), value) == m_values.end()) {
    m_values.emplace_back(value);
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
