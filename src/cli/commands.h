#pragma once
// One function per subcommand: each adds its subcommand and flags to the app and sets the
// callback that runs it. The callback stores the exit code in *exit_code.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace aigw::cli {

/// Flags every command that talks to the API shares.
struct GlobalOptions {
  std::string api_url;          ///< --api-url, else CLOUDFLARE_API_BASE_URL, else the default
  std::string log_level = "warn";
  std::string log_format = "text";
  /// --rate-limit: requests per 5 minutes the client allows itself (Cloudflare's global
  /// limit per token is 1200; lower it when other tools share the token).
  double rate_limit = 1200;
};

/// Adds the `-f,--file PATH` option (repeatable) that validate, plan and apply share.
inline CLI::Option* add_paths_option(CLI::App& cmd, std::vector<std::string>& paths) {
  return cmd.add_option("-f,--file", paths,
                        "A YAML file or a directory of *.yaml/*.yml (repeatable; default: "
                        "./aigw.yaml if it exists, else the current directory)");
}

void add_validate_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_plan_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_apply_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_graph_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_export_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_reconcile_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_emulator_command(CLI::App& app, const GlobalOptions& global, int* exit_code);

} // namespace aigw::cli
