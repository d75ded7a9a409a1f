#include "cli/commands.h"

namespace aigw::cli {

void add_validate_command(CLI::App& app, const GlobalOptions& /*global*/, int* exit_code) {
  auto* cmd = app.add_subcommand("validate", "(not built yet)");
  cmd->callback([exit_code] { *exit_code = 1; });
}

} // namespace aigw::cli
