#pragma once
// How a command reports the error that ends it. Always one line on stderr: `aigw: error:
// MESSAGE`, or a JSON line with --log-format json. With --output json the command's result
// stream gets a JSON error object too ({"error":{"message":...}}), so a bot reading stdout
// always has something to post.

#include <string>

namespace aigw::cli {

/// Set once from the global flags, before any command runs.
void set_error_log_json(bool json);
/// Set by a command whose result on stdout is JSON.
void set_error_result_json(bool json);

/// Prints message (redacted) as the command's error; see the file comment.
void report_error(const std::string& message);

} // namespace aigw::cli
