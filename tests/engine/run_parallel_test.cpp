// run_parallel: every task runs once, never more than `concurrency` at a time.

#include "engine/run_parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace aigw::engine {
namespace {

TEST(RunParallel, RunsEachTaskOnceWithinTheBound) {
  for (int concurrency : {1, 3, 8}) {
    SCOPED_TRACE(concurrency);
    std::vector<std::atomic<int>> runs(40);
    std::atomic<int> in_flight{0};
    std::atomic<int> peak{0};
    run_parallel(runs.size(), concurrency, [&](std::size_t i) {
      const int now = ++in_flight;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      ++runs[i];
      --in_flight;
    });
    for (const auto& r : runs) {
      EXPECT_EQ(r.load(), 1);
    }
    EXPECT_LE(peak.load(), concurrency);
    EXPECT_GE(peak.load(), 1);
  }
}

TEST(RunParallel, NothingToDo) {
  int calls = 0;
  run_parallel(0, 8, [&](std::size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

} // namespace
} // namespace aigw::engine
