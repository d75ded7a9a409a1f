#include "util/log.h"

#include "util/concat.h"
#include "util/secret.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

namespace aigw {
namespace {

/// The fields of the event being logged on this thread (log_event), read by the sink,
/// which spdlog runs synchronously on the logging thread.
thread_local const std::vector<LogField>* t_fields = nullptr;

/// A text value is quoted when it has spaces, quotes, '=' or control characters (logfmt);
/// control characters are escaped so one event stays on one line.
std::string text_value(const std::string& value) {
  const bool plain = !value.empty() && std::none_of(value.begin(), value.end(), [](char c) {
    return c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
  return plain ? value : concat("\"", json_escape(value), "\"");
}

/// A stderr sink that redacts secrets from the formatted line before writing it.
class RedactingStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
  explicit RedactingStderrSink(LogFormat format) : m_format(format) {}

protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string line;
    if (m_format == LogFormat::json) {
      const auto secs = std::chrono::duration_cast<std::chrono::milliseconds>(
                            msg.time.time_since_epoch())
                            .count();
      const auto level = spdlog::level::to_string_view(msg.level);
      line = concat("{\"ts_ms\":", std::to_string(secs), ",\"level\":\"",
                    std::string_view(level.data(), level.size()), "\",\"msg\":\"",
                    json_escape(std::string_view(msg.payload.data(), msg.payload.size())), "\"");
      if (t_fields != nullptr) {
        for (const auto& field : *t_fields) {
          line += concat(",\"", json_escape(field.key), "\":",
                         field.is_number ? field.value
                                         : concat("\"", json_escape(field.value), "\""));
        }
      }
      line += "}\n";
    } else {
      spdlog::memory_buf_t formatted;
      formatter_->format(msg, formatted);
      line.assign(formatted.data(), formatted.size());
      if (t_fields != nullptr && !line.empty() && line.back() == '\n') {
        line.pop_back();
        for (const auto& field : *t_fields) {
          line += " " + field.key + "=" + text_value(field.value);
        }
        line += '\n';
      }
    }
    const std::string safe = Redactor::global().redact(line);
    std::fwrite(safe.data(), 1, safe.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }

private:
  LogFormat m_format;
};

} // namespace

void configure_logging(std::string_view level, LogFormat format) {
  auto sink = std::make_shared<RedactingStderrSink>(format);
  sink->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  auto logger = std::make_shared<spdlog::logger>("aigw", std::move(sink));
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
}

void log_event(std::string_view message, const std::vector<LogField>& fields, bool warning) {
  t_fields = &fields;
  if (warning) {
    spdlog::warn("{}", message);
  } else {
    spdlog::info("{}", message);
  }
  t_fields = nullptr;
}

} // namespace aigw
