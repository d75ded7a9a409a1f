#include "cli/diagnostic_output.h"

#include "config/loader.h"
#include "util/secret.h"

#include <cstdlib>
#include <iostream>
#include <set>
#include <utility>

namespace aigw::cli {
namespace {

// The runner's escaping (actions/toolkit command.ts): data escapes %, CR and LF;
// properties also escape ':' and ','.
std::string escape_data(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '%': out += "%25"; break;
    case '\r': out += "%0D"; break;
    case '\n': out += "%0A"; break;
    default: out += c;
    }
  }
  return out;
}

std::string escape_property(const std::string& text) {
  std::string out;
  for (char c : escape_data(text)) {
    switch (c) {
    case ':': out += "%3A"; break;
    case ',': out += "%2C"; break;
    default: out += c;
    }
  }
  return out;
}

} // namespace

bool in_github_actions() {
  const char* value = std::getenv("GITHUB_ACTIONS");
  return value != nullptr && std::string(value) == "true";
}

std::string github_annotation(const config::Diagnostic& d) {
  return "::" + std::string(d.severity == "warning" ? "warning" : "error") +
         " file=" + escape_property(d.file) + ",line=" + std::to_string(d.line) +
         ",col=" + std::to_string(d.column) + "::" + escape_data(d.message);
}

void print_diagnostics(const std::vector<config::Diagnostic>& diagnostics,
                       const std::vector<config::SourceFile>& sources) {
  std::set<std::pair<std::string, int>> hidden;
  for (const auto& d : diagnostics) {
    if (!d.show_source) {
      hidden.emplace(d.file, d.line);
    }
  }
  const bool github = in_github_actions();
  for (const auto& d : diagnostics) {
    std::cerr << Redactor::global().redact(d.to_string()) << "\n";
    const std::string line =
        hidden.count({d.file, d.line}) == 0
            ? Redactor::global().redact(config::source_line(sources, d.file, d.line))
            : "";
    if (!line.empty()) {
      std::string caret;
      for (int i = 1; i < d.column && static_cast<std::size_t>(i) <= line.size(); ++i) {
        caret += line[static_cast<std::size_t>(i - 1)] == '\t' ? '\t' : ' ';
      }
      std::cerr << "  " << line << "\n  " << caret << "^\n";
    }
  }
  if (github) {
    // The runner reads workflow commands from stderr as well as stdout; stderr keeps the
    // command's result (stdout) clean for `| jq`.
    for (const auto& d : diagnostics) {
      std::cerr << Redactor::global().redact(github_annotation(d)) << "\n";
    }
  }
  std::cerr.flush();
}

} // namespace aigw::cli
