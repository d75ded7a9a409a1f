#pragma once
// run_parallel: runs count independent tasks on at most `concurrency` threads.

#include <cstddef>
#include <functional>

namespace aigw::engine {

/// Calls task(i) for every i in [0, count), at most `concurrency` at a time, and returns
/// when all are done. Tasks must not throw; each should write only its own result slot.
void run_parallel(std::size_t count, int concurrency, const std::function<void(std::size_t)>& task);

} // namespace aigw::engine
