#pragma once
// TrafficImpact: what a change would hit, read from the gateway's own logs over a window.
// Plain values; read_impact (engine/impact_reader.h) fills them.

#include <cstdint>
#include <optional>
#include <string>

namespace aigw::engine {

struct TrafficImpact {
  std::string window;         ///< "1h", "24h" or "7d"
  bool known = false;         ///< false: the logs could not be read (a warning says why)
  std::uint64_t requests = 0; ///< the gateway's logged requests in the window
  std::uint64_t errors = 0;   ///< of those, the ones logged with success=false
  /// Route changes: the logged requests whose `model` is `dynamic/<route name>`, the name
  /// an application uses to send a request through the route.
  std::optional<std::uint64_t> route_requests;

  /// The requests the changed object served: the route's for a route, else the gateway's.
  [[nodiscard]] std::uint64_t served() const { return route_requests.value_or(requests); }
};

} // namespace aigw::engine
