#pragma once
// export_state: live state -> the desired state a person would write for it (aigw export).
// Pure: no I/O. Read-only fields and fields equal to the documented create defaults are
// left out, route elements are put in a readable order, and every credential, which the
// API never returns, becomes a reference to an environment variable.

#include "engine/live_state.h"
#include "model/resources.h"

#include <string>
#include <vector>

namespace aigw::engine {

struct ExportOptions {
  std::vector<std::string> gateways; ///< --gateway: only these ids (empty: every gateway)
  std::vector<std::string> scope;    ///< --scope: only ids matching a glob (empty: all)
};

/// An environment variable the exported files reference, and what it holds.
struct SecretVariable {
  std::string name;     ///< AIGW_SECRET_...
  std::string used_by;  ///< "provider config support-bot/openai/main secret", ...
};

/// The exported desired state. Credentials are carried as variable names, never values:
/// ProviderConfig::secret_env names the variable for `secret`, and the strings under
/// `otel[].authorization` and `stripe.authorization` of a gateway are variable names.
struct ExportedState {
  model::Desired desired;
  std::vector<SecretVariable> variables; ///< in the order the files reference them
};

/// True when a gateway id is exported under these options.
[[nodiscard]] bool is_exported(const ExportOptions& options, const std::string& gateway_id);

/// The variable a secret is read from: "AIGW_SECRET_" and the parts, upper-cased, with
/// every character other than A-Z and 0-9 turned into '_'.
[[nodiscard]] std::string secret_variable_name(const std::vector<std::string>& parts);

/// The desired state that plans clean against live (for the exported gateways; billing
/// only when neither --gateway nor --scope narrows the export).
[[nodiscard]] ExportedState export_state(const LiveState& live, const ExportOptions& options);

/// Route elements in reading order: start first, then breadth-first along the outputs
/// (by output name), then any element not reachable from start, by id.
[[nodiscard]] std::vector<model::RouteElement>
readable_element_order(std::vector<model::RouteElement> elements);

} // namespace aigw::engine
