#include "cli/error_output.h"

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

void report_error(const std::string& message) {
  const std::string safe = Redactor::global().redact(message);
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
  // One error object per run: the first error is the one that ended it.
  if (g_result_json && !g_result_written) {
    g_result_written = true;
    std::cout << "{\"error\":{\"message\":\"" << json_escape(safe) << "\"}}\n" << std::flush;
  }
}

} // namespace aigw::cli
