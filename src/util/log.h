#pragma once
// Logging: spdlog configured in one place. Logs go to stderr; every line passes through
// the global Redactor so no registered secret can reach a log.

#include "util/json_escape.h"

#include <string>
#include <string_view>
#include <vector>

namespace aigw {

enum class LogFormat { text, json };


/// Sets up the default spdlog logger on stderr. level is a spdlog level name
/// ("trace", "debug", "info", "warn", "error", "off").
void configure_logging(std::string_view level, LogFormat format);

/// One field of a structured log line: key=value in text, a member in JSON.
struct LogField {
  std::string key;
  std::string value;
  bool is_number = false; ///< JSON: written unquoted
};

/// Logs one structured event at info level (warn when warning): text lines read
/// "MESSAGE key=value ...", JSON lines carry each field as a member beside "msg".
void log_event(std::string_view message, const std::vector<LogField>& fields, bool warning = false);

} // namespace aigw
