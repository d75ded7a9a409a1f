#include "cli/plan_pipeline.h"

#include "cli/diagnostic_output.h"
#include "cli/error_output.h"
#include "cli/rate_limit_progress.h"
#include "cloudflare/client_factory.h"
#include "config/loader.h"
#include "engine/targeting.h"
#include "util/secret.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace aigw::cli {
namespace {

void print_error(const std::string& message) { report_error(message); }

} // namespace

std::unique_ptr<engine::GatewayApi> connect_api(const GlobalOptions& global,
                                                const std::string& account_id, int concurrency) {
  std::string account = account_id;
  if (account.empty()) {
    if (const char* env = std::getenv("CLOUDFLARE_ACCOUNT_ID"); env != nullptr) {
      account = env;
    }
  }
  if (account.empty()) {
    print_error("no account id: set `account_id` in the configuration or CLOUDFLARE_ACCOUNT_ID");
    return nullptr;
  }
  auto options = cloudflare::options_from_environment(global.api_url, account);
  if (!options) {
    print_error(options.error().to_string());
    return nullptr;
  }
  options->concurrency = concurrency;
  options->rate_limit_requests = global.rate_limit;
  // One progress line for the whole process, whichever client waits.
  static RateLimitProgress progress({.terminal = isatty(STDERR_FILENO) == 1,
                                     .json = global.log_format == "json",
                                     .rate_limit = global.rate_limit});
  options->on_rate_limit_wait = [](const cloudflare::RateLimitWait& wait) {
    progress.update(wait);
  };
  auto api = cloudflare::make_gateway_api(*options);
  if (!api) {
    print_error(api.error().to_string());
    return nullptr;
  }
  return std::move(api.value());
}

void report_diagnostics(const config::LoadResult& loaded, const std::string& what) {
  print_diagnostics(loaded.diagnostics, loaded.sources);
  report_error(what, loaded.diagnostics);
}

std::optional<config::LoadResult> load_or_report(const std::vector<std::string>& paths) {
  auto loaded = config::load_desired(paths.empty() ? config::default_paths() : paths);
  if (!loaded.ok()) {
    report_diagnostics(loaded, "the configuration is invalid; no API call was made");
    return std::nullopt;
  }
  spdlog::info("read {} configuration file{}", loaded.files.size(),
               loaded.files.size() == 1 ? "" : "s");
  return loaded;
}

std::optional<model::Desired> load_desired_or_report(const std::vector<std::string>& paths) {
  auto loaded = load_or_report(paths);
  if (!loaded) {
    return std::nullopt;
  }
  return std::move(loaded->desired);
}

engine::MakePlanOptions make_plan_options(const PlanInputs& inputs) {
  engine::MakePlanOptions options;
  options.plan.prune = inputs.prune;
  options.plan.force = inputs.force;
  options.plan.fingerprints = inputs.fingerprints;
  options.concurrency = inputs.concurrency;
  options.targets = inputs.targets;
  options.impact = impact_options(inputs.impact, inputs.concurrency);
  options.max_impact = inputs.impact.max_impact;
  return options;
}

std::optional<PlanRun> run_plan_pipeline(const GlobalOptions& global, const PlanInputs& inputs) {
  auto loaded = load_or_report(inputs.paths);
  if (!loaded) {
    return std::nullopt;
  }
  PlanRun run;
  run.desired = engine::restrict_to_targets(std::move(loaded->desired), inputs.targets);
  run.sources = std::move(loaded->sources);
  run.api = connect_api(global, run.desired.account_id, inputs.concurrency);
  if (!run.api) {
    return std::nullopt;
  }
  const auto query = engine::query_for(run.desired, inputs.prune);
  spdlog::info("reading live state: {} declared gateways{}", query.gateway_ids.size(),
               query.billing ? ", billing" : "");
  run.options = make_plan_options(inputs);
  auto made = engine::make_plan(*run.api, run.desired, run.options);
  if (!made) {
    print_error(made.error().to_string());
    return std::nullopt;
  }
  run.live = std::move(made->live);
  run.plan = std::move(made->plan);
  return run;
}

} // namespace aigw::cli
