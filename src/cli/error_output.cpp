#include "cli/error_output.h"

#include "model/value.h"
#include "util/log.h"
#include "util/secret.h"

#include <chrono>
#include <iostream>

namespace aigw::cli {
namespace {

bool g_log_json = false;
bool g_result_json = false;
bool g_result_written = false;

} // namespace

void set_error_log_json(bool json) { g_log_json = json; }

void set_error_result_json(bool json) { g_result_json = json; }

namespace {

/// `aigw: error: MESSAGE` (or its JSON log line) on stderr.
void print_error_line(const std::string& safe) {
  if (g_log_json) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    std::cerr << "{\"ts_ms\":" << ms << ",\"level\":\"error\",\"msg\":\"" << json_escape(safe)
              << "\"}\n";
  } else {
    std::cerr << "aigw: error: " << safe << "\n";
  }
  std::cerr.flush();
}

/// The JSON error object on stdout, once per run: the first error is the one that ended it.
void print_error_result(const std::string& safe,
                        const std::vector<config::Diagnostic>* diagnostics) {
  if (!g_result_json || g_result_written) {
    return;
  }
  g_result_written = true;
  model::Object error{{"message", safe}};
  if (diagnostics != nullptr) {
    model::Array list;
    for (auto d : *diagnostics) {
      d.file = Redactor::global().redact(d.file);
      d.message = Redactor::global().redact(d.message);
      list.push_back(d.to_value());
    }
    error.emplace("diagnostics", std::move(list));
  }
  std::cout << model::Value(model::Object{{"error", std::move(error)}}).to_json() << "\n"
            << std::flush;
}

} // namespace

void report_error(const std::string& message) {
  const std::string safe = Redactor::global().redact(message);
  print_error_line(safe);
  print_error_result(safe, nullptr);
}

void report_error(const std::string& message, const std::vector<config::Diagnostic>& diagnostics) {
  const std::string safe = Redactor::global().redact(message);
  print_error_line(safe);
  print_error_result(safe, &diagnostics);
}

bool wants_json_result(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      return false;
    }
    if (arg == "--output=json" || (arg == "--output" && i + 1 < argc &&
                                   std::string(argv[i + 1]) == "json")) {
      return true;
    }
  }
  return false;
}

void report_usage_error_result(const std::string& message) {
  print_error_result(Redactor::global().redact(message), nullptr);
}

} // namespace aigw::cli
