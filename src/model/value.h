#pragma once
// Value: a JSON-shaped value with no third-party dependency. Resource fields are kept as
// Values so that fields aigw does not know (the API grows) are carried through unchanged.

#include "model/object.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace aigw::model {

class Value;
using Array = std::vector<Value>;
// Object (model/object.h) keeps its keys sorted, which keeps every rendering and
// fingerprint deterministic.

class Value {
public:
  enum class Kind { null, boolean, number, string, array, object };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : m_data(b) {}
  Value(double d) : m_data(d) {}
  Value(int i) : m_data(static_cast<double>(i)) {}
  Value(std::int64_t i) : m_data(static_cast<double>(i)) {}
  Value(const char* s) : m_data(std::string(s)) {}
  Value(std::string s) : m_data(std::move(s)) {}
  Value(Array a) : m_data(std::move(a)) {}
  Value(Object o) : m_data(std::move(o)) {}

  /// A number read from JSON text, keeping that text: a value a double cannot hold
  /// (1e400, 9007199254740993) is written back exactly as it was read.
  [[nodiscard]] static Value number(double approximate, std::string text);
  /// The original text of a number made by number(); empty otherwise.
  [[nodiscard]] const std::string& number_text() const;

  [[nodiscard]] Kind kind() const {
    return m_data.index() == k_precise ? Kind::number : static_cast<Kind>(m_data.index());
  }
  [[nodiscard]] bool is_null() const { return kind() == Kind::null; }
  [[nodiscard]] bool is_bool() const { return kind() == Kind::boolean; }
  [[nodiscard]] bool is_number() const { return kind() == Kind::number; }
  [[nodiscard]] bool is_string() const { return kind() == Kind::string; }
  [[nodiscard]] bool is_array() const { return kind() == Kind::array; }
  [[nodiscard]] bool is_object() const { return kind() == Kind::object; }
  /// True for a number with no fractional part that fits in int64.
  [[nodiscard]] bool is_integer() const;

  [[nodiscard]] bool as_bool() const { return std::get<bool>(m_data); }
  [[nodiscard]] double as_number() const {
    const auto* precise = std::get_if<PreciseNumber>(&m_data);
    return precise != nullptr ? precise->approximate : std::get<double>(m_data);
  }
  [[nodiscard]] const std::string& as_string() const { return std::get<std::string>(m_data); }
  [[nodiscard]] const Array& as_array() const { return std::get<Array>(m_data); }
  [[nodiscard]] Array& as_array() { return std::get<Array>(m_data); }
  [[nodiscard]] const Object& as_object() const { return std::get<Object>(m_data); }
  [[nodiscard]] Object& as_object() { return std::get<Object>(m_data); }

  /// Member lookup on an object; nullptr when absent or when this is not an object.
  [[nodiscard]] const Value* find(std::string_view key) const;
  [[nodiscard]] Value* find(std::string_view key);

  /// Structural equality; numbers compare by value (300 == 300.0), and by their original
  /// text when a double cannot tell them apart (beyond 2^53, or not finite).
  friend bool operator==(const Value& a, const Value& b);

  /// Compact JSON text with sorted keys; integral numbers print without a fraction.
  [[nodiscard]] std::string to_json() const;

private:
  /// A number that keeps the text it was read from (see number()).
  struct PreciseNumber {
    double approximate;
    std::string text;
    friend bool operator==(const PreciseNumber&, const PreciseNumber&) = default;
  };
  static constexpr std::size_t k_precise = 6; ///< PreciseNumber's index in m_data
  // The text of a number lives in the variant, not beside it: a Value is 48 bytes, and
  // moving one (which parsing, sorting and building objects do a lot) moves only those.
  std::variant<std::nullptr_t, bool, double, std::string, Array, Object, PreciseNumber> m_data{
      nullptr};
};

/// A number as the shortest text that reads back as the same double: 0.06 (never
/// 0.059999999999999998 or 6E-2), 300 for an integral value, 1e-07 for a tiny one.
[[nodiscard]] std::string number_text(double number);

/// Name of a kind for messages ("string", "number", ...).
const char* kind_name(Value::Kind kind);

} // namespace aigw::model
