// `aigw emulator`: flags to EmulatorOptions, then run the local AI Gateway API.

#include "cli/commands.h"
#include "cli/number_flags.h"
#include "emulator/emulator_options.h"

#include <spdlog/spdlog.h>

#include <map>

namespace aigw::cli {

void add_emulator_command(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand("emulator", "Serve a local AI Gateway API (no account needed)");
  auto options = std::make_shared<emulator::EmulatorOptions>();
  cmd->add_option("--listen", options->listen, "HOST:PORT to listen on; port 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& listen) -> std::string {
            return emulator::is_listen_address(listen)
                       ? std::string()
                       : "must be HOST:PORT with a numeric IP address, got '" + listen + "'";
          },
          "", ""));
  cmd->add_option("--state", options->state_file,
                  "JSON file the state is loaded from and saved to after every write");
  cmd->add_option("--latency", options->latency_ms, "Milliseconds added before every response")
      ->check(whole_number(0, 600'000));
  cmd->add_option("--fault-rate", options->fault_rate,
                  "Fraction of requests failing with 429/500/502/503/dropped connection")
      ->check(number_between(0.0, 1.0));
  cmd->add_option("--seed", options->seed, "Seed of the fault sequence")->capture_default_str();
  const std::map<std::string, emulator::FaultMode> modes = {
      {"reject", emulator::FaultMode::reject}, {"lost-response", emulator::FaultMode::lost_response}};
  cmd->add_option("--fault-mode", options->fault_mode,
                  "reject: a failed request changes nothing; lost-response: a failed write is "
                  "applied, then its connection is dropped")
      ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case));
  cmd->add_option("--account", options->accounts,
                  "An account id the token can reach (repeatable); others answer 403 as the "
                  "API does for a token without access. Default: every account id");
  cmd->add_option("--max-body", options->max_body_bytes, "Largest request body in bytes (413 above)")
      ->capture_default_str();
  cmd->add_option("--fail-path", options->fail_path,
                  "Requests whose path contains this text always answer 500 (e.g. /logs, to "
                  "see how a client copes with one endpoint down)");
  cmd->add_option("--traffic", options->traffic_rate,
                  "Generate RATE requests a second through the gateway endpoint, across the "
                  "gateways and routes that exist (seeded by --seed), so their logs fill up")
      ->check(number_between(0.0, 1000.0));
  cmd->callback([options, &global, exit_code] {
    // One log line per request is the point of a local server, so it logs at info unless
    // the user chose a level.
    if (!global.log_level_given) {
      spdlog::set_level(spdlog::level::info);
    }
    *exit_code = emulator::run_emulator(*options);
  });
}

} // namespace aigw::cli
