#pragma once
// Secret: a string that never prints itself, and the process-wide redactor that scrubs
// every registered secret from anything about to be logged or shown.

#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace aigw {

/// A sensitive string (API token, API key, provider secret). No implicit conversion to
/// string; printing it shows a mask. Only code that builds a request body or an auth
/// header calls reveal().
class Secret {
public:
  Secret() = default;
  /// Wraps a value and registers it with the global redactor.
  explicit Secret(std::string value);

  [[nodiscard]] const std::string& reveal() const { return m_value; }
  [[nodiscard]] bool empty() const { return m_value.empty(); }
  /// The mask shown wherever a secret would be printed.
  static constexpr std::string_view k_mask = "(sensitive)";

  friend bool operator==(const Secret&, const Secret&) = default;

private:
  std::string m_value;
};

std::ostream& operator<<(std::ostream& out, const Secret& secret);

/// Registry of secret values; redact() replaces every occurrence with a mask.
/// Thread-safe. Used by every log sink and every error message that may echo input.
class Redactor {
public:
  /// The one instance shared by the whole process.
  static Redactor& global();

  /// Remembers a value to scrub. Values shorter than 4 characters are ignored, since
  /// masking them would mangle ordinary text.
  void add(std::string_view value);
  /// Returns text with every registered value replaced by "(sensitive)".
  [[nodiscard]] std::string redact(std::string_view text) const;
  /// Forgets every registered value (tests only).
  void clear();

private:
  mutable std::mutex m_mutex;
  std::vector<std::string> m_values;
};

} // namespace aigw
