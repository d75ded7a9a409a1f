// aigw schema: the JSON Schema of aigw's YAML files on stdout, generated from the field
// and kind tables (config/json_schema). schemas/aigw.schema.json is its output; the CTest
// test schema_generated_matches_committed fails when they differ.

#include "cli/commands.h"
#include "config/json_schema.h"

#include <iostream>

namespace aigw::cli {

void add_schema_command(CLI::App& app, const GlobalOptions& /*global*/, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "schema", "Print the JSON Schema of aigw's YAML files (for editors) on stdout");
  cmd->footer("\nThe Debian package installs it as /usr/share/aigw/schemas/aigw.schema.json.");
  cmd->callback([exit_code] {
    std::cout << config::json_schema_text();
    *exit_code = 0;
  });
}

} // namespace aigw::cli
