// aigw validate: load and check the desired state offline. Text: diagnostics on stderr
// (like every command's errors), "OK: ..." on stdout; JSON: the verdict with its diagnostics
// on stdout. Inside GitHub Actions each diagnostic is also an `::error` workflow command.
// Exit 0 valid, 1 invalid.

#include "cli/commands.h"
#include "cli/diagnostic_output.h"
#include "config/loader.h"
#include "model/kind_spec.h"
#include "model/resource_walk.h"
#include "render/change_words.h"
#include "util/secret.h"

#include <algorithm>
#include <iostream>
#include <memory>
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

/// The kinds the summary counts: gateways and the kinds they hold, and account-level kinds
/// with identities (custom providers) when the files declare them (kind table).
bool is_counted(const model::Desired &desired, const model::KindSpec &spec) {
  return spec.kind == model::ResourceKind::gateway || spec.parent == model::Parent::gateway ||
         (!spec.singleton && model::is_declared(desired, spec));
}

std::string summary(const model::Desired &desired) {
  std::string out;
  for (const auto &spec : model::all_kinds()) {
    if (is_counted(desired, spec)) {
      out += (out.empty() ? "" : ", ") +
             render::counted(model::count_of(desired.resources, spec.kind), spec.name);
    }
  }
  return out + (desired.billing_declared ? ", billing managed" : "");
}

// Text: the diagnostics (with source line and caret) on stderr; the verdict on stdout
// when valid, on stderr when not.
void print_text(const config::LoadResult &result) {
  print_diagnostics(result.diagnostics, result.sources);
  if (result.ok()) {
    std::cout << "OK: " << summary(result.desired) << "; " << files_read(result) << "\n";
  } else {
    const auto n = result.diagnostics.size();
    std::cerr << n << (n == 1 ? " error" : " errors") << "; " << files_read(result) << "\n";
  }
}

void print_json(const config::LoadResult &result) {
  model::Array diagnostics;
  for (const auto &d : result.diagnostics) {
    diagnostics.push_back(d.to_value());
  }
  model::Object counts;
  for (const auto &spec : model::all_kinds()) {
    if (is_counted(result.desired, spec)) {
      counts.emplace(std::string(spec.yaml_key),
                     static_cast<int>(model::count_of(result.desired.resources, spec.kind)));
    }
  }
  model::Object out{{"valid", result.ok()},
                    {"error_count", static_cast<int>(diagnostics.size())},
                    {"diagnostics", std::move(diagnostics)},
                    {"files_read", static_cast<int>(result.files.size())}};
  if (result.ok()) {
    out.emplace("resources", std::move(counts));
    out.emplace("billing_managed", result.desired.billing_declared);
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
      if (in_github_actions()) {
        print_diagnostics(result.diagnostics, result.sources);
      }
      print_json(result);
    } else {
      print_text(result);
    }
    *exit_code = result.ok() ? 0 : 1;
  });
}

} // namespace aigw::cli
