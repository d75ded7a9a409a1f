#include "engine/run_parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace aigw::engine {

void run_parallel(std::size_t count, int concurrency, const std::function<void(std::size_t)>& task) {
  const std::size_t workers =
      std::min(count, static_cast<std::size_t>(std::max(concurrency, 1)));
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      task(i);
    }
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      task(i);
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (std::size_t w = 0; w < workers; ++w) {
    threads.emplace_back(work);
  }
  for (auto& thread : threads) {
    thread.join();
  }
}

} // namespace aigw::engine
