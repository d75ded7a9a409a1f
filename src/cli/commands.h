#pragma once
// One function per subcommand: each adds its subcommand and flags to the app and sets the
// callback that runs it. The callback stores the exit code in *exit_code.

#include "cli/global_options.h"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace aigw::cli {

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
void add_schema_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_completion_command(CLI::App& app, const GlobalOptions& global, int* exit_code);
void add_help_command(CLI::App& app, const GlobalOptions& global, int* exit_code);

/// The completion script for shell ("bash", "zsh" or "fish") covering every subcommand of app.
[[nodiscard]] std::string completion_script(CLI::App& app, const std::string& shell);

/// For a first argument that names no subcommand: the error text, with the nearest
/// subcommand as a suggestion when one is close ("unknown command 'plna' (did you mean 'plan'?)").
[[nodiscard]] std::string unknown_command_message(CLI::App& app, const std::string& word);

} // namespace aigw::cli
