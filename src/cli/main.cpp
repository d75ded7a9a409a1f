// aigw: keep a Cloudflare AI Gateway account in Git.

#include "cli/commands.h"
#include "cli/error_output.h"
#include "cli/usage_error.h"
#include "cli/version_text.h"
#include "util/log.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <iostream>
#include <optional>
#include <string>

namespace {

/// The first argument that is not a flag or a flag's value: the subcommand the user meant.
std::optional<std::string> first_word(CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      return std::nullopt;
    }
    if (arg.empty() || arg[0] != '-') {
      return arg;
    }
    if (arg.find('=') != std::string::npos) {
      continue;
    }
    const CLI::Option* option = app.get_option_no_throw(arg);
    if (option != nullptr && option->get_items_expected_min() > 0) {
      ++i; // its value
    }
  }
  return std::nullopt;
}

bool is_subcommand(CLI::App& app, const std::string& name) {
  try {
    (void)app.get_subcommand(name);
    return true;
  } catch (const CLI::OptionNotFound&) {
    return false;
  }
}

/// `aigw: error: WHAT`, then where to read more: the failing subcommand's help if any.
std::string failure_message(const CLI::App* app, const CLI::Error& e) {
  std::string help = "aigw help";
  const auto parsed = app->get_subcommands();
  if (!parsed.empty()) {
    help += " " + parsed.front()->get_name();
  }
  return "aigw: error: " + aigw::cli::usage_error_message(*app, e) + "\nRun '" + help +
         "' for usage.\n";
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"aigw: keep a Cloudflare AI Gateway account in Git"};
  app.name("aigw");
  app.require_subcommand(1);
  app.set_version_flag("--version", [] { return aigw::cli::version_text(); },
                       "Print the version, git commit and library versions, then exit");
  app.failure_message(failure_message);
  app.footer("\nRun 'aigw help COMMAND' for a command's flags. Global options go before or after "
             "the command.");

  aigw::cli::GlobalOptions global;
  aigw::cli::add_global_options(app, global);
  app.parse_complete_callback([&global] {
    const bool json = global.log_format == "json";
    aigw::configure_logging(global.log_level, json ? aigw::LogFormat::json : aigw::LogFormat::text);
    aigw::cli::set_error_log_json(json);
  });

  int exit_code = 0;
  aigw::cli::add_validate_command(app, global, &exit_code);
  aigw::cli::add_plan_command(app, global, &exit_code);
  aigw::cli::add_apply_command(app, global, &exit_code);
  aigw::cli::add_graph_command(app, global, &exit_code);
  aigw::cli::add_export_command(app, global, &exit_code);
  aigw::cli::add_reconcile_command(app, global, &exit_code);
  aigw::cli::add_emulator_command(app, global, &exit_code);
  aigw::cli::add_schema_command(app, global, &exit_code);
  aigw::cli::add_completion_command(app, global, &exit_code);
  aigw::cli::add_help_command(app, global, &exit_code);
  // Last: every subcommand registered above gets the global flags and lists them in its help.
  aigw::cli::add_global_options_to_subcommands(app, global);

  // A bare `aigw`, like a bare `git`: the help on stdout, exit 1 (nothing was done).
  if (argc <= 1) {
    std::cout << app.help();
    return 1;
  }
  // Before parsing: with --output json a usage error is a JSON error object on stdout too.
  aigw::cli::set_error_result_json(aigw::cli::wants_json_result(argc, argv));
  if (const auto word = first_word(app, argc, argv); word && !is_subcommand(app, *word)) {
    const auto message = aigw::cli::unknown_command_message(app, *word);
    std::cerr << "aigw: error: " << message << "\n";
    aigw::cli::report_usage_error_result(message);
    return 1;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    if (code != 0) {
      aigw::cli::report_usage_error_result(aigw::cli::usage_error_message(app, e));
    }
    // CLI11 returns 0 for --help/--version; every usage error is exit 1 (never 2, which
    // means "changes pending").
    return code == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    aigw::cli::report_error(e.what());
    return 1;
  }
  return exit_code;
}
