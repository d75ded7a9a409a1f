#pragma once
// Seeded fault injection: a fraction of requests fail with 429 (with Retry-After), 500,
// 502, 503 or a dropped connection. The same seed and request order give the same faults.

#include "emulator/http_message.h"

#include <cstdint>
#include <random>
#include <string_view>

namespace aigw::emulator {

enum class FaultKind { none, rate_limited, internal_error, bad_gateway, unavailable, dropped_connection };

/// What an injected fault does to a write. reject: nothing is applied (the default).
/// lost_response: the write is applied and committed, then the connection is dropped with
/// no response, the case that makes a naive client create duplicates.
enum class FaultMode { reject, lost_response };

class FaultInjector {
public:
  /// rate in [0, 1]: the probability that a request fails.
  FaultInjector(double rate, std::uint64_t seed);

  /// The fault for the next request, in arrival order.
  FaultKind next();

private:
  double m_rate;
  std::mt19937_64 m_random; ///< fully specified by the standard, so runs repeat everywhere
};

/// The response for a status fault (not for none or dropped_connection).
Response fault_response(FaultKind kind);
/// A short name for logs ("429", "dropped", ...).
std::string_view fault_name(FaultKind kind);

} // namespace aigw::emulator
