// aigw: keep a Cloudflare AI Gateway account in Git.

#include "cli/commands.h"
#include "util/log.h"
#include "util/secret.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"aigw: keep a Cloudflare AI Gateway account in Git"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("aigw ") + AIGW_VERSION);

  aigw::cli::GlobalOptions global;
  app.add_option("--api-url", global.api_url,
                 "API base URL (default: $CLOUDFLARE_API_BASE_URL or "
                 "https://api.cloudflare.com/client/v4)");
  app.add_option("--rate-limit", global.rate_limit,
                 "API requests allowed per 5 minutes (default 1200, Cloudflare's limit per token)")
      ->check(CLI::Range(1.0, 1.0e9));
  app.add_option("--log-level", global.log_level, "trace|debug|info|warn|error|off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.add_option("--log-format", global.log_format, "text|json")
      ->check(CLI::IsMember({"text", "json"}));
  app.parse_complete_callback([&global] {
    aigw::configure_logging(global.log_level, global.log_format == "json"
                                                  ? aigw::LogFormat::json
                                                  : aigw::LogFormat::text);
  });

  int exit_code = 0;
  aigw::cli::add_validate_command(app, global, &exit_code);
  aigw::cli::add_plan_command(app, global, &exit_code);
  aigw::cli::add_apply_command(app, global, &exit_code);
  aigw::cli::add_graph_command(app, global, &exit_code);
  aigw::cli::add_export_command(app, global, &exit_code);
  aigw::cli::add_reconcile_command(app, global, &exit_code);
  aigw::cli::add_emulator_command(app, global, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // CLI11 returns 0 for --help/--version; every usage error is exit 1 (never 2, which
    // means "changes pending").
    return code == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "aigw: error: " << aigw::Redactor::global().redact(e.what()) << "\n";
    return 1;
  }
  return exit_code;
}
