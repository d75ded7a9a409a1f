#pragma once
// TaskPool: a bounded set of worker threads that runs tasks as they are added, including
// tasks added by running tasks (a read that discovers more reads to make).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace aigw::engine {

/// Runs added tasks on at most `concurrency` threads, started as work arrives. Tasks must
/// not throw. wait() (or the destructor) returns once every added task has finished.
class TaskPool {
public:
  explicit TaskPool(int concurrency);
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  /// Queues a task; safe from any thread, including from inside a running task.
  void add(std::function<void()> task);
  /// Blocks until the queue is empty and no task runs, then stops the workers.
  void wait();

private:
  void work();

  std::size_t m_limit;
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::condition_variable m_idle;
  std::deque<std::function<void()>> m_queue;
  std::vector<std::thread> m_threads;
  std::size_t m_waiting = 0; ///< workers blocked for a task
  std::size_t m_running = 0; ///< tasks being run
  bool m_stopping = false;
};

} // namespace aigw::engine
