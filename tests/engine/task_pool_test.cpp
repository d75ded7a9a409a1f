// TaskPool: every task runs once, never more than `concurrency` at a time, and tasks added
// by running tasks are waited for too.

#include "engine/task_pool.h"

#include "engine/in_flight_probe.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace aigw::engine {
namespace {

TEST(TaskPool, RunsEachTaskOnceWithinTheBound) {
  for (int concurrency : {1, 3, 8}) {
    SCOPED_TRACE(concurrency);
    std::vector<std::atomic<int>> runs(40);
    test::InFlightProbe probe;
    TaskPool pool(concurrency);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      pool.add([&, i] {
        probe.run_a_while();
        ++runs[i];
      });
    }
    pool.wait();
    for (const auto& r : runs) {
      EXPECT_EQ(r.load(), 1);
    }
    EXPECT_LE(probe.peak.load(), concurrency);
    EXPECT_GE(probe.peak.load(), 1);
  }
}

TEST(TaskPool, WaitsForTasksAddedByRunningTasks) {
  std::atomic<int> done{0};
  TaskPool pool(2);
  pool.add([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    for (int i = 0; i < 5; ++i) {
      pool.add([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ++done;
      });
    }
    ++done;
  });
  pool.wait();
  EXPECT_EQ(done.load(), 6);
}

TEST(TaskPool, CanBeUsedAgainAfterWaiting) {
  std::atomic<int> done{0};
  TaskPool pool(3);
  pool.wait(); // nothing to do
  pool.add([&] { ++done; });
  pool.wait();
  pool.add([&] { ++done; });
  pool.add([&] { ++done; });
  pool.wait();
  EXPECT_EQ(done.load(), 3);
}

} // namespace
} // namespace aigw::engine
