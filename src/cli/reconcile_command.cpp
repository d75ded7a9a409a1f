// aigw reconcile: keep the account converged. Each cycle loads the files, plans and, unless
// --detect-only, applies with apply's safety checks (service::run_reconcile). --once runs one
// cycle and exits with apply's codes (2 with --detect-only when there is drift); --interval
// runs until SIGTERM or SIGINT, serving /metrics and /healthz with --metrics-addr.

#include "cli/commands.h"
#include "cli/error_output.h"
#include "cli/number_flags.h"
#include "cli/plan_pipeline.h"
#include "service/duration.h"
#include "service/metrics.h"
#include "service/metrics_server.h"
#include "service/reconciler.h"
#include "util/log.h"
#include "util/secret.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>

namespace aigw::cli {
namespace {

struct ReconcileFlags {
  std::vector<std::string> paths;
  bool once = false;
  std::string interval;
  bool detect_only = false;
  std::string metrics_addr;
  bool prune = false;
  bool force = false;
  int parallelism = 8;
  ImpactFlags impact;
};

std::atomic<bool> g_stop{false};

void request_stop(int /*signal*/) { g_stop.store(true); }

/// SIGTERM and SIGINT ask the loop to stop after the cycle in flight.
void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

/// Healthy when a cycle succeeded within three intervals (at least a minute): a failing
/// cycle backs off to at most one interval, so two failures in a row still show healthy.
std::pair<bool, std::string> health(const service::Metrics& metrics,
                                    std::chrono::milliseconds interval) {
  const double last = metrics.last_success();
  if (last == 0) {
    return {false, "no successful cycle yet"};
  }
  const double window =
      std::max(60.0, 3.0 * std::chrono::duration<double>(interval).count());
  const double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const double age = now - last;
  if (age > window) {
    return {false, "no successful cycle in the last " + std::to_string(static_cast<long>(age)) +
                       " s (limit " + std::to_string(static_cast<long>(window)) + " s)"};
  }
  return {true, "ok: last successful cycle " + std::to_string(static_cast<long>(age)) + " s ago"};
}

int run_reconcile_command(const GlobalOptions& global, const ReconcileFlags& flags) {
  service::ReconcileOptions options;
  if (!flags.interval.empty()) {
    auto interval = service::parse_duration(flags.interval);
    if (!interval) {
      report_error("--interval: " + interval.error().message);
      return 1;
    }
    options.interval = *interval;
  }
  options.detect_only = flags.detect_only;
  options.plan.plan.prune = flags.prune;
  options.plan.plan.force = flags.force;
  options.parallelism = flags.parallelism;
  options.plan.impact = impact_options(flags.impact, flags.parallelism);
  options.plan.max_impact = flags.impact.max_impact;

  service::ReconcileHooks hooks;
  hooks.load = [&flags] { return load_desired_or_report(flags.paths); };
  hooks.connect = [&global, &flags](const model::Desired& desired) {
    return connect_api(global, desired.account_id, flags.parallelism);
  };

  service::Metrics metrics;
  std::unique_ptr<service::MetricsServer> server;
  if (!flags.metrics_addr.empty()) {
    const auto interval = *options.interval;
    auto started = service::MetricsServer::start(
        flags.metrics_addr,
        {[&metrics] { return metrics.render(); },
         [&metrics, interval] { return health(metrics, interval); }});
    if (!started) {
      report_error(started.error().message);
      return 1;
    }
    server = std::move(started.value());
    // The one line a supervisor or test reads to find the port (stderr, like every log).
    std::cerr << "aigw: serving metrics on http://" << server->address()
              << "/metrics and /healthz\n"
              << std::flush;
  }
  g_stop.store(false);
  install_stop_handlers();
  const int code = service::run_reconcile(hooks, options, metrics, g_stop);
  if (server) {
    server->stop();
  }
  return code;
}

} // namespace

void add_reconcile_command(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<ReconcileFlags>();
  auto* cmd = app.add_subcommand(
      "reconcile", "Keep the account converged: plan and apply once, or every --interval");
  add_paths_option(*cmd, flags->paths);
  auto* once = cmd->add_flag("--once", flags->once, "Run one cycle and exit with apply's codes");
  auto* interval = cmd->add_option("--interval", flags->interval,
                                   "Run as a service, waiting DURATION (30s, 5m, 1h) between "
                                   "cycles, until SIGTERM or SIGINT")
                       ->check(CLI::Validator(
                           [](std::string& text) -> std::string {
                             auto parsed = service::parse_duration(text);
                             return parsed ? std::string() : parsed.error().message;
                           },
                           "", ""));
  once->excludes(interval);
  cmd->add_flag("--detect-only", flags->detect_only,
                "Plan only: report drift, change nothing (--once exits 2 on drift)");
  auto* metrics_addr = cmd->add_option("--metrics-addr", flags->metrics_addr,
                  "Serve /metrics and /healthz on HOST:PORT (with --interval)");
  cmd->add_flag("--prune", flags->prune, "Delete undeclared resources within scope");
  cmd->add_flag("--force", flags->force, "Allow a plan that deletes more than the threshold");
  cmd->add_option("--parallelism,--concurrency", flags->parallelism,
                  "Requests in flight at once (1..64); --concurrency is an alias")
      ->check(whole_number(1, 64));
  add_impact_flags(*cmd, flags->impact);
  cmd->callback([&global, flags, exit_code, once, interval, metrics_addr] {
    // Thrown, not printed: main reports usage errors with the help to read.
    if (once->count() == 0 && interval->count() == 0) {
      throw CLI::ValidationError("reconcile needs --once or --interval DURATION");
    }
    if (metrics_addr->count() > 0 && interval->count() == 0) {
      throw CLI::ValidationError(
          "--metrics-addr needs --interval: a single cycle (--once) serves no metrics");
    }
    // A service's cycle and change lines are its output: log at info unless told otherwise.
    if (!global.log_level_given) {
      configure_logging("info", global.log_format == "json" ? LogFormat::json : LogFormat::text);
    }
    *exit_code = run_reconcile_command(global, *flags);
  });
}

} // namespace aigw::cli
