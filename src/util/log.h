#pragma once
// Logging: spdlog configured in one place. Logs go to stderr; every line passes through
// the global Redactor so no registered secret can reach a log.

#include <string_view>

namespace aigw {

enum class LogFormat { text, json };

/// Sets up the default spdlog logger on stderr. level is a spdlog level name
/// ("trace", "debug", "info", "warn", "error", "off").
void configure_logging(std::string_view level, LogFormat format);

} // namespace aigw
