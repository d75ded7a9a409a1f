#include "engine/task_pool.h"

#include <algorithm>

namespace aigw::engine {

TaskPool::TaskPool(int concurrency) : m_limit(static_cast<std::size_t>(std::max(concurrency, 1))) {}

TaskPool::~TaskPool() { wait(); }

void TaskPool::add(std::function<void()> task) {
  std::lock_guard lock(m_mutex);
  m_queue.push_back(std::move(task));
  // A thread is started only when no worker is free to take the task.
  if (m_waiting < m_queue.size() && m_threads.size() < m_limit) {
    m_threads.emplace_back([this] { work(); });
  } else {
    m_ready.notify_one();
  }
}

void TaskPool::wait() {
  std::vector<std::thread> threads;
  {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_queue.empty() && m_running == 0; });
    m_stopping = true;
    threads.swap(m_threads);
  }
  m_ready.notify_all();
  for (auto& thread : threads) {
    thread.join();
  }
  std::lock_guard lock(m_mutex);
  m_stopping = false;
}

void TaskPool::work() {
  std::unique_lock lock(m_mutex);
  while (true) {
    ++m_waiting;
    m_ready.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
    --m_waiting;
    if (m_queue.empty()) {
      return; // stopping, and nothing left to run
    }
    auto task = std::move(m_queue.front());
    m_queue.pop_front();
    ++m_running;
    lock.unlock();
    task();
    lock.lock();
    --m_running;
    if (m_queue.empty() && m_running == 0) {
      m_idle.notify_all();
    }
  }
}

} // namespace aigw::engine
