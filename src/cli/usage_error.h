#pragma once
// The message of a usage error (CLI11's parse errors), one form for every command.

#include <CLI/CLI.hpp>

#include <string>

namespace aigw::cli {

/// CLI11's message, except for arguments a command does not take, which CLI11 lists
/// last-first ("The following arguments were not expected: json --output"): those name the
/// first of them and the command, with the nearest flag it has ("unknown flag '--outptu'
/// for 'aigw plan' (did you mean '--output'?)", "unknown flag '--output': 'aigw schema'
/// takes only the global options", "unexpected argument 'x' for 'aigw validate'").
[[nodiscard]] std::string usage_error_message(const CLI::App& app, const CLI::Error& error);

} // namespace aigw::cli
