#pragma once
// One function per subcommand: each adds its subcommand and flags to the app and sets the
// callback that runs it. The callback stores the exit code in *exit_code.

#include <CLI/CLI.hpp>

#include <string>

namespace aigw::cli {

/// Flags every command that talks to the API shares.
struct GlobalOptions {
  std::string api_url;          ///< --api-url, else CLOUDFLARE_API_BASE_URL, else the default
  std::string log_level = "warn";
  std::string log_format = "text";
};

void add_validate_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_plan_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_apply_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_emulator_command(CLI::App& app, const GlobalOptions& global, int* exit_code);

} // namespace aigw::cli
