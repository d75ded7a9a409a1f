#pragma once
// How a command reports the error that ends it. Always one line on stderr: `aigw: error:
// MESSAGE`, or a JSON line with --log-format json. With --output json the command's result
// stream gets a JSON error object too ({"error":{"message":...}}), so a bot reading stdout
// always has something to post: a usage error included, and a configuration's diagnostics
// as a list in it ({"error":{"message":...,"diagnostics":[{"file",...}]}}).

#include "config/diagnostic.h"

#include <string>
#include <vector>

namespace aigw::cli {

/// Set once from the global flags, before any command runs.
void set_error_log_json(bool json);
/// Set by a command whose result on stdout is JSON.
void set_error_result_json(bool json);

/// Prints message (redacted) as the command's error; see the file comment.
void report_error(const std::string& message);

/// report_error, with the configuration's diagnostics in the JSON error object (stderr
/// gets only the message: the caller printed the diagnostics there already).
void report_error(const std::string& message, const std::vector<config::Diagnostic>& diagnostics);

/// True when the command line asks for JSON results (`--output json` or `--output=json`),
/// read before parsing so that a usage error is a JSON error object too.
[[nodiscard]] bool wants_json_result(int argc, const char* const* argv);

/// A usage error (CLI11 printed it to stderr already) as the JSON error object on stdout
/// when set_error_result_json(true) was called.
void report_usage_error_result(const std::string& message);

} // namespace aigw::cli
