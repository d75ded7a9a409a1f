#include "cli/plan_pipeline.h"

#include "cli/diagnostic_output.h"
#include "cli/error_output.h"
#include "cli/end_process.h"
#include "cli/keep_until_exit.h"
#include "cli/rate_limit_progress.h"
#include "cloudflare/client_factory.h"
#include "config/loader.h"
#include "engine/targeting.h"
#include "engine/gateway_list_prefetch.h"
#include "util/result.h"
#include "util/secret.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace aigw::cli {
namespace {

void print_error(const std::string& message) { report_error(message); }

void log_loaded(const config::LoadResult& loaded) {
  spdlog::info("read {} configuration file{}", loaded.files.size(),
               loaded.files.size() == 1 ? "" : "s");
}

/// The account a client is for: the configuration's, else CLOUDFLARE_ACCOUNT_ID's.
std::string account_or_environment(const std::string& account_id) {
  if (!account_id.empty()) {
    return account_id;
  }
  const char* env = std::getenv("CLOUDFLARE_ACCOUNT_ID");
  return env != nullptr ? env : "";
}

/// Builds the client for account, or says why it cannot.
Result<std::unique_ptr<engine::GatewayApi>> make_client(const GlobalOptions& global,
                                                        const std::string& account,
                                                        int concurrency) {
  if (account.empty()) {
    return Error{"no account id: set `account_id` in the configuration or CLOUDFLARE_ACCOUNT_ID"};
  }
  auto options = cloudflare::options_from_environment(global.api_url, account);
  if (!options) {
    return Error{options.error().to_string()};
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
    return Error{api.error().to_string()};
  }
  return std::move(api.value());
}

/// The gateway list read while the configuration loads (it does not depend on it), on the
/// client the plan will use if the configuration names CLOUDFLARE_ACCOUNT_ID's account.
struct EarlyGatewayList {
  std::string account;
  std::unique_ptr<engine::GatewayApi> api;
  std::shared_ptr<engine::GatewayListPrefetch> read; ///< destroyed before api (declared after)

  /// Drops the read (no page after its first is requested) and the client.
  void drop() {
    if (read) {
      read->drop();
    }
    read.reset();
    api.reset();
  }
};

/// Starts the gateway list when the account id is known before loading
/// (CLOUDFLARE_ACCOUNT_ID) and a client can be built; nothing otherwise (the pipeline then
/// connects and reports as it always did).
EarlyGatewayList start_gateway_list(const GlobalOptions& global, int concurrency) {
  EarlyGatewayList early;
  early.account = account_or_environment("");
  if (early.account.empty()) {
    return early;
  }
  auto api = make_client(global, early.account, concurrency);
  if (!api) {
    return early;
  }
  early.api = std::move(api.value());
  early.read = std::make_shared<engine::GatewayListPrefetch>(*early.api);
  spdlog::debug("listing gateways of account {} (CLOUDFLARE_ACCOUNT_ID) while the configuration "
                "loads",
                early.account);
  return early;
}

/// What an invalid configuration costs: no call at all, or only the early gateway list,
/// which is said to be read only once its first page has arrived (a slow or unreachable
/// API may not have answered yet).
std::string invalid_configuration_message(EarlyGatewayList& early) {
  if (!early.read) {
    return "the configuration is invalid; no API call was made";
  }
  return early.read->first_page_arrived()
             ? "the configuration is invalid; nothing was changed (only the gateway list was "
               "read while it loaded)"
             : "the configuration is invalid; nothing was changed (the gateway list requested "
               "while it loaded was not read)";
}

} // namespace

std::unique_ptr<engine::GatewayApi> connect_api(const GlobalOptions& global,
                                                const std::string& account_id, int concurrency) {
  auto api = make_client(global, account_or_environment(account_id), concurrency);
  if (!api) {
    print_error(api.error().message);
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
  log_loaded(loaded);
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
  auto early = start_gateway_list(global, inputs.concurrency);
  auto loaded = config::load_desired(inputs.paths.empty() ? config::default_paths() : inputs.paths);
  if (!loaded.ok()) {
    // Said before the early read is dropped: dropping waits for its first page.
    report_diagnostics(loaded, invalid_configuration_message(early));
    if (early.read && !early.read->finished()) {
      // Its first page is still on its way (a slow or unreachable API): waiting for it, with
      // the client's retries, would hold the exit of a run that has nothing left to do.
      end_process_now(1);
    }
    return std::nullopt;
  }
  log_loaded(loaded);
  PlanRun run;
  run.desired = engine::restrict_to_targets(std::move(loaded.desired), inputs.targets);
  run.sources = std::move(loaded.sources);
  if (early.read && account_or_environment(run.desired.account_id) == early.account) {
    run.api = std::move(early.api); // the same client the read runs on: it stays alive
  } else {
    if (early.read) {
      spdlog::debug("the configuration names account {}: the gateway list read for {} while "
                    "it loaded is not used",
                    run.desired.account_id, early.account);
    }
    early.drop();
    run.api = connect_api(global, run.desired.account_id, inputs.concurrency);
  }
  if (!run.api) {
    return std::nullopt;
  }
  const auto query = engine::query_for(run.desired, inputs.prune);
  spdlog::info("reading live state: {} declared gateways{}", query.gateway_ids.size(),
               query.billing ? ", billing" : "");
  run.options = make_plan_options(inputs);
  auto made = engine::make_plan(*run.api, run.desired, run.options, std::move(early.read));
  if (!made) {
    print_error(made.error().to_string());
    return std::nullopt;
  }
  run.live = std::move(made->live);
  run.plan = std::move(made->plan);
  return run;
}

void release_at_exit(PlanRun&& run) {
  run.api.reset(); // its connections closed (and anything it runs stopped) before exit
  keep_until_exit(std::move(run));
}

} // namespace aigw::cli
