#pragma once
// `aigw emulator --traffic RATE`: a seeded stream of requests through the gateway endpoint
// across the gateways and dynamic routes that exist, so gateway logs (and aigw's plan
// impact figures) have something to show.

#include "emulator/http_message.h"
#include "emulator/service.h"
#include "emulator/store.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

namespace aigw::emulator {

/// The next generated request, or nullopt when no gateway exists. Picks an account and a
/// gateway uniformly; half of the requests to a gateway with routes go through one of them
/// (`model: dynamic/<name>` on the `compat` provider), the others to `openai` directly;
/// about 1 in 20 sends a body that is not JSON, which the gateway logs as failed.
std::optional<Request> next_traffic_request(const Store& store, std::mt19937_64& random);

/// Runs next_traffic_request `rate` times a second on its own thread until destroyed.
class TrafficGenerator {
public:
  TrafficGenerator(Service& service, double rate, std::uint64_t seed);
  ~TrafficGenerator();
  TrafficGenerator(const TrafficGenerator&) = delete;
  TrafficGenerator& operator=(const TrafficGenerator&) = delete;

private:
  void run(double rate);

  Service& m_service;
  std::mt19937_64 m_random;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  std::thread m_thread;
};

} // namespace aigw::emulator
