#pragma once
// ${NAME} environment interpolation for strings in the desired-state files.

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aigw::config {

/// Looks up an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string &)>;

/// The outcome of interpolating one string.
struct Interpolated {
  std::string text;                   ///< the string with every ${NAME} replaced
  std::vector<std::string> variables; ///< names used, in order
  std::vector<std::string> errors;    ///< unset variables and malformed references
  std::vector<std::string> unset;     ///< the unset variables (each also in errors)
};

/// Replaces ${NAME} (NAME: letters, digits, '_', not starting with a digit) from env;
/// "$${" is a literal "${". Any other '$' is kept as is.
[[nodiscard]] Interpolated interpolate(const std::string &text, const EnvLookup &env);

/// When text is exactly one "${NAME}" reference, returns NAME.
[[nodiscard]] std::optional<std::string> sole_reference(const std::string &text);

} // namespace aigw::config
