#pragma once
// How every renderer words a change's traffic impact, so text and Markdown say the same.

#include "engine/plan.h"
#include "engine/traffic_impact.h"

#include <cstdint>
#include <string>

namespace aigw::render {

/// 12430 -> "12,430".
std::string thousands(std::uint64_t count);

/// "24h" -> "24 h", "7d" -> "7 d".
std::string window_words(const std::string& window);

/// "12,430 requests, 3.2% errors in the last 24 h"; for a route "1,200 requests through
/// this route (gateway: 12,430 requests, 3.2% errors) in the last 24 h"; "traffic unknown
/// (the gateway's logs could not be read)" when unknown.
std::string impact_words(const engine::TrafficImpact& impact);

/// The error share of the gateway's requests with one decimal: "3.2%" ("0.0%" for none).
std::string error_share(const engine::TrafficImpact& impact);

/// The window of the plan's impact figures ("" when none was read).
std::string plan_impact_window(const engine::Plan& plan);

} // namespace aigw::render
