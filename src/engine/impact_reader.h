#pragma once
// read_impact: puts on each change that can affect live traffic the requests its gateway
// (and, for a route, the route) served over a window, read from the gateway's logs.
// check_max_impact: the safety check that uses it.

#include "engine/gateway_api.h"
#include "engine/plan.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aigw::engine {

/// Which changes get impact figures.
enum class ImpactMode {
  off,     ///< --no-impact
  deletes, ///< the default: gateway and route deletes
  all,     ///< --impact: also route deploys, gateway traffic-control updates, cannot-fix drift
};

struct ImpactOptions {
  ImpactMode mode = ImpactMode::deletes;
  std::string window = "24h"; ///< "1h", "24h" or "7d"
  int concurrency = 8;
  /// The end of the window; nullopt: the time of the read (tests pin it). Not taken when the
  /// options are made, so a long-running reconcile reads each cycle's own window.
  std::optional<std::chrono::system_clock::time_point> now;
};

/// The window's length for "1h", "24h" or "7d"; nullopt for anything else.
[[nodiscard]] std::optional<std::chrono::hours> impact_window_length(const std::string& window);

/// True when the change can affect live traffic under the mode: a gateway or route delete,
/// and (mode all) a route deploy, a gateway update touching rate limiting, authentication,
/// DLP or guardrails, or a provider config drift aigw cannot fix.
[[nodiscard]] bool affects_traffic(const Change& change, ImpactMode mode);

/// Reads the figures for every affected change of a gateway that exists live (two
/// requests per gateway: all logs and failed logs; one per route: its `dynamic/<name>`
/// logs), in parallel, and sets Change::impact. A failed read is a warning on the plan
/// and leaves that change's impact unknown; it never fails the plan.
void read_impact(GatewayApi& api, Plan& plan, const ImpactOptions& options);

/// --max-impact: one line per gateway or route delete that served more than `limit`
/// requests in the window, or whose traffic could not be read. Empty: the plan passes.
[[nodiscard]] std::vector<std::string> check_max_impact(const Plan& plan, std::uint64_t limit);

} // namespace aigw::engine
