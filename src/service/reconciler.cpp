#include "service/reconciler.h"

#include "engine/apply.h"
#include "model/kind_spec.h"
#include "util/log.h"

#include <algorithm>
#include <mutex>
#include <random>
#include <thread>

namespace aigw::service {
namespace {

using Clock = std::chrono::steady_clock;

std::string kind_label(model::ResourceKind kind) { return std::string(model::kind_spec(kind).label); }

LogField text(std::string key, std::string value) { return {std::move(key), std::move(value)}; }

LogField count(std::string key, std::uint64_t value) {
  return {std::move(key), std::to_string(value), true};
}

double epoch_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string status_name(engine::StepOutcome::Status status) {
  switch (status) {
  case engine::StepOutcome::Status::done: return "done";
  case engine::StepOutcome::Status::failed: return "failed";
  case engine::StepOutcome::Status::skipped: return "skipped";
  }
  return "unknown";
}

/// The cycle's work up to the record's outcome; run_cycle adds timing and API counters.
struct CycleWork {
  CycleResult result;
  std::unique_ptr<engine::GatewayApi> api;
  std::uint64_t changes = 0;
  std::uint64_t failed = 0;
  std::string error;
};

void plan_and_apply(const ReconcileHooks& hooks, const ReconcileOptions& options,
                    std::uint64_t cycle_number, CycleWork& work) {
  auto& record = work.result.record;
  auto desired = hooks.load();
  if (!desired) {
    record.outcome = CycleOutcome::invalid_config;
    work.error = "the configuration is invalid; cycle skipped, nothing acted on";
    return;
  }
  work.api = hooks.connect(*desired);
  if (!work.api) {
    work.error = "cannot connect to the API";
    return;
  }
  engine::MakePlanOptions plan_options = options.plan;
  plan_options.concurrency = options.parallelism;
  auto made = engine::make_plan(*work.api, *desired, plan_options);
  if (!made) {
    record.outcome = made.error().step == engine::WorkflowError::Step::build_plan
                         ? CycleOutcome::refused
                         : CycleOutcome::failed;
    work.error = made.error().to_string();
    return;
  }
  const engine::Plan& plan = made->plan;
  std::map<std::string, std::uint64_t> drift;
  for (const auto& change : plan.changes) {
    ++drift[kind_label(change.resource)];
  }
  record.drift = std::move(drift);
  work.changes = plan.changes.size();
  if (options.detect_only) {
    for (const auto& change : plan.changes) {
      log_event("drift", {count("cycle", cycle_number),
                          text("action", std::string(engine::change_kind_name(change.kind))),
                          text("resource", change.address())});
    }
    record.outcome = plan.changes.empty() ? CycleOutcome::in_sync : CycleOutcome::drift;
    work.result.exit_code = plan.changes.empty() ? 0 : 2;
    return;
  }
  if (!plan.has_changes()) {
    record.outcome = CycleOutcome::in_sync;
    work.result.exit_code = 0;
    return;
  }
  std::mutex mutex;
  engine::ApplyOptions apply_options;
  apply_options.parallelism = options.parallelism;
  apply_options.on_step = [&](const engine::Change& change, const engine::StepOutcome& step) {
    std::vector<LogField> fields = {
        count("cycle", cycle_number),
        text("action", std::string(engine::change_kind_name(change.kind))),
        text("resource", change.address()), text("status", status_name(step.status)),
        count("elapsed_ms", static_cast<std::uint64_t>(step.elapsed.count()))};
    if (step.error) {
      fields.push_back(text("error", step.error->to_string()));
    } else if (!step.detail.empty()) {
      fields.push_back(text("detail", step.detail));
    }
    log_event("change", fields, step.status != engine::StepOutcome::Status::done);
    if (step.status == engine::StepOutcome::Status::done) {
      std::lock_guard lock(mutex);
      ++record.applied[{kind_label(change.resource),
                        std::string(engine::change_kind_name(change.kind))}];
    }
  };
  const auto report = engine::apply_plan(*work.api, plan, apply_options);
  work.failed = report.failed + report.skipped;
  record.outcome = report.ok() ? CycleOutcome::applied : CycleOutcome::failed;
  work.result.exit_code = report.ok() ? 0 : 1;
  if (!report.ok()) {
    work.error = std::to_string(report.failed) + " failed, " + std::to_string(report.skipped) +
                 " skipped";
  }
}

} // namespace

CycleResult run_cycle(const ReconcileHooks& hooks, const ReconcileOptions& options,
                      std::uint64_t cycle_number) {
  const auto started = Clock::now();
  CycleWork work;
  work.result.record.outcome = CycleOutcome::failed;
  work.result.exit_code = 1;
  plan_and_apply(hooks, options, cycle_number, work);
  auto& record = work.result.record;
  if (work.api) {
    const auto stats = work.api->stats();
    record.requests = stats.by_endpoint;
    record.retries = stats.retries;
    record.rate_limit_waits = stats.rate_limit_waits;
  }
  record.duration = Clock::now() - started;
  record.finished_at = epoch_seconds();

  std::uint64_t applied = 0;
  for (const auto& [key, n] : record.applied) {
    applied += n;
  }
  std::uint64_t requests = 0;
  for (const auto& [key, n] : record.requests) {
    requests += n;
  }
  std::vector<LogField> fields = {
      count("cycle", cycle_number),
      text("outcome", std::string(cycle_outcome_name(record.outcome))),
      count("changes", work.changes),
      count("applied", applied),
      count("failed", work.failed),
      count("requests", requests),
      count("retries", record.retries),
      count("duration_ms", static_cast<std::uint64_t>(
                               std::chrono::duration_cast<std::chrono::milliseconds>(
                                   record.duration)
                                   .count()))};
  if (!work.error.empty()) {
    fields.push_back(text("error", work.error));
  }
  log_event("reconcile cycle", fields, !is_success(record.outcome));
  return std::move(work.result);
}

std::chrono::milliseconds next_delay(const ReconcileOptions& options, int failures) {
  const auto interval = options.interval.value_or(std::chrono::milliseconds(0));
  if (failures <= 0) {
    return interval;
  }
  auto delay = options.backoff_base;
  for (int i = 1; i < failures && delay < interval; ++i) {
    delay *= 2;
  }
  return std::min(delay, interval);
}

std::chrono::milliseconds with_jitter(std::chrono::milliseconds delay, double jitter,
                                      double share) {
  const double extra = static_cast<double>(delay.count()) * std::clamp(jitter, 0.0, 1.0) *
                       std::clamp(share, 0.0, 1.0);
  return delay + std::chrono::milliseconds(static_cast<std::int64_t>(extra));
}

int run_reconcile(const ReconcileHooks& hooks, const ReconcileOptions& options, Metrics& metrics,
                  const std::atomic<bool>& stop) {
  if (!options.interval) {
    auto result = run_cycle(hooks, options, 1);
    metrics.record(result.record);
    return result.exit_code;
  }
  std::mt19937_64 random(options.seed != 0
                             ? options.seed
                             : static_cast<std::uint64_t>(Clock::now().time_since_epoch().count()));
  std::uniform_real_distribution<double> share(0.0, 1.0);
  int failures = 0;
  for (std::uint64_t cycle = 1; !stop.load(); ++cycle) {
    const auto result = run_cycle(hooks, options, cycle);
    metrics.record(result.record);
    failures = is_success(result.record.outcome) ? 0 : failures + 1;
    const auto delay = with_jitter(next_delay(options, failures), options.jitter, share(random));
    // Wake often enough that a stop request is honoured within a tenth of a second.
    const auto until = Clock::now() + delay;
    while (!stop.load() && Clock::now() < until) {
      std::this_thread::sleep_for(
          std::min<Clock::duration>(std::chrono::milliseconds(100), until - Clock::now()));
    }
  }
  log_event("reconcile stopped", {text("reason", "signal")});
  return 0;
}

} // namespace aigw::service
