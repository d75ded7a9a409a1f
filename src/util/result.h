#pragma once
// Result<T>: a value or an Error, for failures that happen in normal use.

#include <string>
#include <utility>
#include <variant>

namespace aigw {

/// Generic error carrying a human-readable message; domain errors wrap or extend it.
struct Error {
  std::string message;
};

/// Either a T or an E. Marked [[nodiscard]] so a failure cannot be ignored silently.
template <class T, class E = Error> class [[nodiscard]] Result {
public:
  Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
  Result(E error) : m_data(std::in_place_index<1>, std::move(error)) {}

  [[nodiscard]] bool ok() const { return m_data.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(m_data); }
  const T& value() const& { return std::get<0>(m_data); }
  T&& value() && { return std::get<0>(std::move(m_data)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  E& error() & { return std::get<1>(m_data); }
  const E& error() const& { return std::get<1>(m_data); }
  E&& error() && { return std::get<1>(std::move(m_data)); }

private:
  std::variant<T, E> m_data;
};

/// Marker for a Result that carries no value on success.
struct Unit {};

template <class E = Error> using Status = Result<Unit, E>;

} // namespace aigw
