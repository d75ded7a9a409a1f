// aigw validate: load and check the desired state offline; the diagnostics are the
// command's result, so they go to stdout (text or JSON). Exit 0 valid, 1 invalid.

#include "cli/commands.h"
#include "config/loader.h"
#include "util/secret.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <set>
#include <utility>

namespace aigw::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> paths;
  std::string output = "text";
};

std::string files_read(const config::LoadResult &result) {
  const auto n = result.files.size();
  return "read " + std::to_string(n) + (n == 1 ? " file" : " files");
}

std::string summary(const model::Desired &desired) {
  const auto &r = desired.resources;
  return std::to_string(r.gateways.size()) + " gateways, " + std::to_string(r.datasets.size()) +
         " datasets, " + std::to_string(r.provider_configs.size()) + " provider configs, " +
         std::to_string(r.routes.size()) + " routes" +
         (desired.billing_declared ? ", billing managed" : "");
}

// Text: each diagnostic, then its source line and a caret under the column. A line that
// any diagnostic marks as possibly holding a literal secret is never echoed.
void print_text(const config::LoadResult &result) {
  std::set<std::pair<std::string, int>> hidden;
  for (const auto &d : result.diagnostics) {
    if (!d.show_source) {
      hidden.emplace(d.file, d.line);
    }
  }
  for (const auto &d : result.diagnostics) {
    std::cout << Redactor::global().redact(d.to_string()) << "\n";
    const std::string line = hidden.count({d.file, d.line}) == 0
                                 ? Redactor::global().redact(config::source_line(d.file, d.line))
                                 : "";
    if (!line.empty()) {
      std::string caret;
      for (int i = 1; i < d.column && static_cast<std::size_t>(i) <= line.size(); ++i) {
        caret += line[static_cast<std::size_t>(i - 1)] == '\t' ? '\t' : ' ';
      }
      std::cout << "  " << line << "\n  " << caret << "^\n";
    }
  }
  if (result.ok()) {
    std::cout << "OK: " << summary(result.desired) << "; " << files_read(result) << "\n";
  } else {
    const auto n = result.diagnostics.size();
    std::cout << n << (n == 1 ? " error" : " errors") << "; " << files_read(result) << "\n";
  }
}

void print_json(const config::LoadResult &result) {
  model::Array diagnostics;
  for (const auto &d : result.diagnostics) {
    diagnostics.push_back(d.to_value());
  }
  const auto &r = result.desired.resources;
  model::Object counts{{"gateways", static_cast<int>(r.gateways.size())},
                       {"datasets", static_cast<int>(r.datasets.size())},
                       {"provider_configs", static_cast<int>(r.provider_configs.size())},
                       {"routes", static_cast<int>(r.routes.size())}};
  model::Object out{{"valid", result.ok()},
                    {"error_count", static_cast<int>(diagnostics.size())},
                    {"diagnostics", std::move(diagnostics)},
                    {"files_read", static_cast<int>(result.files.size())}};
  if (result.ok()) {
    out.emplace("resources", std::move(counts));
  }
  std::cout << Redactor::global().redact(model::Value(std::move(out)).to_json()) << "\n";
}

} // namespace

void add_validate_command(CLI::App &app, const GlobalOptions & /*global*/, int *exit_code) {
  auto options = std::make_shared<ValidateOptions>();
  auto *cmd = app.add_subcommand("validate",
                                 "Check the desired-state YAML offline (exit 0 valid, 1 invalid)");
  cmd->add_option("-f,--file", options->paths,
                  "A YAML file or a directory of *.yaml/*.yml (repeatable; default: ./aigw.yaml "
                  "if it exists, else the current directory)");
  cmd->add_option("--output", options->output, "text|json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([options, exit_code] {
    const auto paths = options->paths.empty() ? config::default_paths() : options->paths;
    const config::LoadResult result = config::load_desired(paths);
    if (options->output == "json") {
      print_json(result);
    } else {
      print_text(result);
    }
    *exit_code = result.ok() ? 0 : 1;
  });
}

} // namespace aigw::cli
