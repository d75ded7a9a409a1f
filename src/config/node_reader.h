#pragma once
// NodeReader: typed, located access to one parsed YAML file. Every problem it finds becomes
// a Diagnostic at the node's file:line:column; callers get nullopt and carry on, so all
// errors of a run are collected.

#include "config/diagnostic.h"
#include "config/interpolate.h"
#include "model/resources.h"

#include "config/yaml_tree.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aigw::config {

/// A key of a mapping and its value, in document order.
struct Entry {
  std::string key;
  YamlNode key_node;
  YamlNode value;
};

class NodeReader {
public:
  /// Reads nodes of `file`; diagnostics are appended to *out.
  NodeReader(std::string file, EnvLookup env, std::vector<Diagnostic> *out);

  /// Records an error at a node (or at the file's start when the node has no mark).
  void error(const YamlNode &node, std::string message);
  /// Records an error whose source line is never echoed (the line may hold a secret).
  void secret_error(const YamlNode &node, std::string message);
  /// Records an error at a mark.
  void error_at(const YAML::Mark &mark, std::string message);
  /// The node's place as file:line:column (1-based).
  [[nodiscard]] model::Origin origin(const YamlNode &node) const;
  [[nodiscard]] const std::string &file() const { return m_file; }

  /// The entries of a mapping; reports duplicate and non-scalar keys. nullopt (reported)
  /// when the node is not a mapping. `what` names the node in messages.
  std::optional<std::vector<Entry>> mapping(const YamlNode &node, std::string_view what);
  /// Reports an unknown key with the nearest allowed key; returns false when unknown.
  bool check_known(const Entry &entry, std::span<const std::string_view> allowed,
                   std::string_view where);
  /// Reports each required key missing from entries at `node`; returns false if any.
  bool check_required(const YamlNode &node, const std::vector<Entry> &entries,
                      std::span<const std::string_view> required, std::string_view where);

  /// A scalar resolved with the YAML 1.2 core rules (null, bool, decimal number, string);
  /// strings are ${ENV}-interpolated. nullopt (reported) for a non-scalar.
  std::optional<model::Value> scalar(const YamlNode &node, std::string_view what);
  /// Any subtree as a Value (interpolated), bounded in depth and in node count.
  std::optional<model::Value> value(const YamlNode &node, std::string_view what);

  /// Typed scalars: report "'what' must be a ..., got ..." on mismatch.
  std::optional<std::string> string(const YamlNode &node, std::string_view what);
  std::optional<bool> boolean(const YamlNode &node, std::string_view what);
  std::optional<double> number(const YamlNode &node, std::string_view what);

  /// Reports a type mismatch: "'what' must be <expected>, got <description of node>".
  void type_error(const YamlNode &node, std::string_view what, std::string_view expected);

  /// The raw text of a scalar, before interpolation (safe to echo: never an env value).
  [[nodiscard]] static std::string raw(const YamlNode &node);
  /// The environment lookup in use.
  [[nodiscard]] const EnvLookup &env() const { return m_env; }

  /// The credentials read since the last call whose `${VAR}` was unset. A string at a
  /// credential path (model::is_credential_path: otel and stripe `authorization`, otel
  /// header values) that names only unset variables is not an error: it reads as "" and is
  /// recorded here, so plans need no production keys (apply refuses to send it).
  [[nodiscard]] std::vector<model::CredentialReference> take_unresolved();
  /// Every credential read since the last call that names a variable, set or not.
  [[nodiscard]] std::vector<model::CredentialReference> take_credentials();

private:
  std::optional<model::Value> value_at_depth(const YamlNode &node, std::string_view what,
                                             int depth);
  [[nodiscard]] std::string describe(const YamlNode &node);

  std::string m_file;
  EnvLookup m_env;
  std::vector<Diagnostic> *m_out;
  std::size_t m_budget; ///< nodes left to visit; bounds alias expansion ("billion laughs")
  bool m_budget_reported = false;
  std::vector<model::CredentialReference> m_unresolved;
  std::vector<model::CredentialReference> m_credentials;
};

/// Maximum nesting depth accepted inside a free-form value.
inline constexpr int k_max_value_depth = 64;
/// Maximum number of nodes converted from one file, counting alias expansions.
inline constexpr std::size_t k_max_nodes_per_file = 100'000;

} // namespace aigw::config
