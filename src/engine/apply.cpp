#include "engine/apply.h"

#include "engine/apply_recovery.h"
#include "engine/apply_step.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <set>
#include <thread>

namespace aigw::engine {

namespace {

using Status = StepOutcome::Status;
using Clock = std::chrono::steady_clock;

/// Runs the plan's DAG on a bounded pool of workers. A step becomes ready when every step
/// it depends on is done; a failed step marks everything downstream of it skipped.
class Executor {
public:
  Executor(GatewayApi& api, const Plan& plan, const ApplyOptions& options)
      : m_api(api), m_plan(plan), m_options(options), m_dependents(plan.changes.size()),
        m_waiting_on(plan.changes.size(), 0) {
    m_report.steps.resize(plan.changes.size());
    for (std::size_t i = 0; i < plan.changes.size(); ++i) {
      m_report.steps[i].index = i;
    }
  }

  ApplyReport run() {
    for (std::size_t i = 0; i < m_plan.changes.size(); ++i) {
      plan_step(i);
    }
    const auto workers = static_cast<std::size_t>(std::clamp(m_options.parallelism, 1, 64));
    std::vector<std::thread> pool;
    for (std::size_t w = 0; w < std::min(workers, m_plan.changes.size()); ++w) {
      pool.emplace_back([this] { work(); });
    }
    for (auto& t : pool) {
      t.join();
    }
    return std::move(m_report);
  }

private:
  // Records the step's dependencies. The plan lists dependencies before dependents; a
  // reference forward (or out of range) could be a cycle, so it fails the step up front.
  void plan_step(std::size_t i) {
    const auto& deps = m_plan.changes[i].depends_on;
    if (std::any_of(deps.begin(), deps.end(), [i](std::size_t dep) { return dep >= i; })) {
      finish(i, Status::failed, apply_error("invalid plan: a step depends on a later step"));
      return;
    }
    for (const auto dep : deps) {
      if (is_finished(dep)) { // only an invalid step has finished before the workers start
        skip(i, dep);
        return;
      }
    }
    for (const auto dep : deps) {
      m_dependents[dep].push_back(i);
      ++m_waiting_on[i];
    }
    if (m_waiting_on[i] == 0) {
      m_ready.push_back(i);
    }
  }

  [[nodiscard]] bool is_finished(std::size_t i) const { return m_finished.count(i) != 0; }

  void work() {
    std::unique_lock lock(m_mutex);
    while (true) {
      m_changed.wait(lock, [this] { return !m_ready.empty() || all_finished(); });
      if (m_ready.empty()) {
        return;
      }
      const auto i = m_ready.front();
      m_ready.pop_front();
      lock.unlock();
      auto [status, error, detail, elapsed] = execute(m_plan.changes[i]);
      lock.lock();
      m_report.steps[i].elapsed = elapsed;
      if (status == Status::failed) {
        finish(i, status, std::move(*error));
      } else {
        finish(i, status, std::nullopt, std::move(detail));
      }
      m_changed.notify_all();
    }
  }

  struct Execution {
    Status status;
    std::optional<ApiError> error;
    std::string detail;
    std::chrono::milliseconds elapsed;
  };

  Execution execute(const Change& change) {
    const auto start = Clock::now();
    auto since = [&] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    };
    if (change.kind == ChangeKind::cannot_fix) {
      // Not an API call: reported, counted nowhere, and no obstacle to other steps.
      return {Status::skipped, std::nullopt, "not applied: " + change.reason, since()};
    }
    try {
      auto result = run_change(m_api, change);
      if (!result) {
        return {Status::failed, std::move(result.error()), "", since()};
      }
      return {Status::done, std::nullopt, std::move(result.value()), since()};
    } catch (const std::exception& e) {
      return {Status::failed, apply_error(std::string("unexpected failure: ") + e.what()), "",
              since()};
    }
  }

  // Called with m_mutex held (or before the workers start).
  void finish(std::size_t i, Status status, std::optional<ApiError> error,
              std::string detail = {}) {
    auto& step = m_report.steps[i];
    step.status = status;
    step.error = std::move(error);
    step.detail = std::move(detail);
    m_finished.insert(i);
    const bool cannot_fix = m_plan.changes[i].kind == ChangeKind::cannot_fix;
    if (!cannot_fix) {
      count(status);
      notify(i);
    }
    for (const auto dependent : m_dependents[i]) {
      if (status == Status::done || cannot_fix) {
        if (--m_waiting_on[dependent] == 0 && !is_finished(dependent)) {
          m_ready.push_back(dependent);
        }
      } else if (!is_finished(dependent)) {
        skip(dependent, i);
      }
    }
  }

  void skip(std::size_t i, std::size_t because) {
    const auto& cause = m_report.steps[because];
    const auto why = cause.status == Status::failed ? " failed" : " was skipped";
    finish(i, Status::skipped, std::nullopt,
           "skipped: " + m_plan.changes[because].address() + why);
  }

  void count(Status status) {
    switch (status) {
    case Status::done: ++m_report.done; break;
    case Status::failed: ++m_report.failed; break;
    case Status::skipped: ++m_report.skipped; break;
    }
  }

  void notify(std::size_t i) {
    if (m_options.on_step) {
      m_options.on_step(m_plan.changes[i], m_report.steps[i]);
    }
  }

  [[nodiscard]] bool all_finished() const {
    return m_finished.size() == m_plan.changes.size();
  }

  GatewayApi& m_api;
  const Plan& m_plan;
  const ApplyOptions& m_options;
  ApplyReport m_report;
  std::vector<std::vector<std::size_t>> m_dependents;
  std::vector<std::size_t> m_waiting_on;
  std::deque<std::size_t> m_ready;
  std::set<std::size_t> m_finished;
  std::mutex m_mutex;
  std::condition_variable m_changed;
};

} // namespace

ApplyReport apply_plan(GatewayApi& api, const Plan& plan, const ApplyOptions& options) {
  return Executor(api, plan, options).run();
}

} // namespace aigw::engine
