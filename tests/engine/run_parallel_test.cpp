// run_parallel: every task runs once, never more than `concurrency` at a time.

#include "engine/run_parallel.h"

#include "engine/in_flight_probe.h"

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
    test::InFlightProbe probe;
    run_parallel(runs.size(), concurrency, [&](std::size_t i) {
      probe.run_a_while();
      ++runs[i];
    });
    for (const auto& r : runs) {
      EXPECT_EQ(r.load(), 1);
    }
    EXPECT_LE(probe.peak.load(), concurrency);
    EXPECT_GE(probe.peak.load(), 1);
  }
}

TEST(RunParallel, NothingToDo) {
  int calls = 0;
  run_parallel(0, 8, [&](std::size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

} // namespace
} // namespace aigw::engine
