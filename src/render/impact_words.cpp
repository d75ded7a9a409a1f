#include "render/impact_words.h"

#include <cstdio>

namespace aigw::render {
namespace {

std::string requests(std::uint64_t count) {
  return thousands(count) + (count == 1 ? " request" : " requests");
}

/// "12,430 requests, 3.2% errors", or "0 requests" when there were none.
std::string gateway_figures(const engine::TrafficImpact& impact) {
  if (impact.requests == 0) {
    return requests(0);
  }
  return requests(impact.requests) + ", " + error_share(impact) + " errors";
}

} // namespace

std::string thousands(std::uint64_t count) {
  std::string digits = std::to_string(count);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  return out;
}

std::string window_words(const std::string& window) {
  if (window.size() < 2) {
    return window;
  }
  return window.substr(0, window.size() - 1) + " " + window.back();
}

std::string error_share(const engine::TrafficImpact& impact) {
  const double share = impact.requests == 0 ? 0.0
                                            : 100.0 * static_cast<double>(impact.errors) /
                                                  static_cast<double>(impact.requests);
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share);
  return text;
}

std::string impact_words(const engine::TrafficImpact& impact) {
  if (!impact.known) {
    return "traffic unknown (the gateway's logs could not be read)";
  }
  const std::string last = " in the last " + window_words(impact.window);
  if (impact.route_requests) {
    return requests(*impact.route_requests) + " through this route (gateway: " +
           gateway_figures(impact) + ")" + last;
  }
  return gateway_figures(impact) + last;
}

std::string plan_impact_window(const engine::Plan& plan) {
  for (const auto& change : plan.changes) {
    if (change.impact) {
      return change.impact->window;
    }
  }
  return "";
}

} // namespace aigw::render
