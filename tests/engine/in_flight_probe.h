#pragma once
// InFlightProbe: counts how many tasks run at once and the highest count seen, for tests
// of bounded concurrency.

#include <atomic>
#include <chrono>
#include <thread>

namespace aigw::test {

struct InFlightProbe {
  std::atomic<int> in_flight{0};
  std::atomic<int> peak{0};

  /// Marks a task running for a short while (long enough for others to overlap it).
  void run_a_while() {
    const int now = ++in_flight;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --in_flight;
  }
};

} // namespace aigw::test
