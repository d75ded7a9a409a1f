#include "emulator/fault_injector.h"

#include "emulator/envelope.h"

#include <array>

namespace aigw::emulator {

namespace {

constexpr std::array<FaultKind, 5> k_kinds = {FaultKind::rate_limited, FaultKind::internal_error,
                                              FaultKind::bad_gateway, FaultKind::unavailable,
                                              FaultKind::dropped_connection};

} // namespace

FaultInjector::FaultInjector(double rate, std::uint64_t seed) : m_rate(rate), m_random(seed) {}

FaultKind FaultInjector::next() {
  // Two draws per request whatever the outcome, so one request's fault never shifts the
  // next one's. Distributions are implementation-defined, hence the explicit arithmetic.
  const double draw = static_cast<double>(m_random() >> 11) * 0x1.0p-53;
  const std::uint64_t pick = m_random();
  if (draw >= m_rate) {
    return FaultKind::none;
  }
  return k_kinds[pick % k_kinds.size()];
}

Response fault_response(FaultKind kind) {
  switch (kind) {
  case FaultKind::rate_limited: {
    Response response = error_response(
        {429, codes::k_rate_limited, "Please wait and consider throttling your request speed"});
    response.headers.emplace_back("Retry-After", "1");
    return response;
  }
  case FaultKind::internal_error:
    return error_response({500, codes::k_server_fault, "Internal server error (injected)"});
  case FaultKind::bad_gateway:
    return error_response({502, codes::k_server_fault, "Bad gateway (injected)"});
  case FaultKind::unavailable:
    return error_response({503, codes::k_server_fault, "Service unavailable (injected)"});
  case FaultKind::none:
  case FaultKind::dropped_connection: break;
  }
  return error_response({500, codes::k_server_fault, "Internal server error"});
}

std::string_view fault_name(FaultKind kind) {
  switch (kind) {
  case FaultKind::none: return "none";
  case FaultKind::rate_limited: return "429";
  case FaultKind::internal_error: return "500";
  case FaultKind::bad_gateway: return "502";
  case FaultKind::unavailable: return "503";
  case FaultKind::dropped_connection: return "dropped";
  }
  return "unknown";
}

} // namespace aigw::emulator
