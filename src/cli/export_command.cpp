// aigw export: write the live account as the YAML that `aigw plan` reports clean. With
// --out DIR, one file per gateway plus aigw.yaml (and billing.yaml, custom_providers.yaml);
// without, one YAML
// document on stdout. The environment variables the files reference (credentials the API
// never returns) are listed on stderr.

#include "cli/commands.h"
#include "cli/error_output.h"
#include "cli/number_flags.h"
#include "cli/plan_pipeline.h"
#include "config/export_writer.h"
#include "engine/export_state.h"
#include "engine/workflow.h"
#include "model/kind_spec.h"
#include "model/resource_walk.h"
#include "render/change_words.h"
#include "util/secret.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace aigw::cli {
namespace {

namespace fs = std::filesystem;

struct ExportFlags {
  std::string out;
  std::vector<std::string> gateways;
  std::vector<std::string> scope;
  bool force = false;
  int concurrency = 8;
};

/// A gateway id becomes a file name: refuse what would escape the directory.
bool is_safe_file_name(const std::string& id) {
  return !id.empty() && id != "." && id != ".." && id.find('/') == std::string::npos &&
         id.find('\\') == std::string::npos && id.find('\0') == std::string::npos;
}

/// Writes text to path atomically: a temporary file beside it, then a rename.
bool write_atomically(const fs::path& path, const std::string& text) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    report_error("cannot create " + path.parent_path().string() + ": " + ec.message());
    return false;
  }
  const fs::path temp = path.string() + ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    file << text;
    file.flush();
    if (!file.good()) {
      report_error("cannot write " + temp.string() + ": " + std::strerror(errno));
      return false;
    }
  }
  fs::rename(temp, path, ec);
  if (ec) {
    report_error("cannot write " + path.string() + ": " + ec.message());
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

bool is_non_empty_directory(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && !fs::is_empty(dir, ec);
}

/// The variables the export introduced, and when each must be set: `aigw plan` needs none
/// (an unset one is not compared), `aigw apply` each only to send it.
void print_variables(const std::vector<engine::SecretVariable>& variables) {
  if (variables.empty()) {
    return;
  }
  const bool one = variables.size() == 1;
  std::cerr << "aigw: the export reads " << render::counted(variables.size(), "credential")
            << " the API never returns from "
            << (one ? "this environment variable" : "these environment variables")
            << "; `aigw plan` needs none of them (set, a gateway's otel and stripe credentials "
               "and custom provider headers are compared with live), and `aigw apply` needs "
               "one only to send it:\n";
  std::size_t width = 0;
  for (const auto& v : variables) {
    width = std::max(width, v.name.size());
  }
  for (const auto& v : variables) {
    std::cerr << "  " << v.name << std::string(width - v.name.size() + 2, ' ') << v.used_by
              << "\n";
  }
}

int run_export(const GlobalOptions& global, const ExportFlags& flags) {
  if (!flags.out.empty() && !flags.force && is_non_empty_directory(flags.out)) {
    report_error(flags.out + " is not empty; export into an empty or new directory, or pass "
                            "--force to write over its files");
    return 1;
  }
  if (!flags.out.empty() && fs::exists(flags.out) && !fs::is_directory(flags.out)) {
    report_error(flags.out + " exists and is not a directory");
    return 1;
  }
  auto api = connect_api(global, "", flags.concurrency);
  if (!api) {
    return 1;
  }
  const engine::ExportOptions options{flags.gateways, flags.scope};
  spdlog::info("reading live state for export");
  auto live = engine::read_for_export(*api, options, flags.concurrency);
  if (!live) {
    report_error("reading live state: " + live.error().to_string());
    return 1;
  }
  for (const auto& id : flags.gateways) {
    const auto& gateways = live->resources.gateways;
    if (std::none_of(gateways.begin(), gateways.end(), [&](const auto& g) { return g.id == id; })) {
      report_error("gateway " + id + " does not exist in the account");
      return 1;
    }
  }
  const auto exported = engine::export_state(*live, options);
  const auto& resources = exported.desired.resources;
  if (flags.out.empty()) {
    std::cout << config::write_export_document(exported.desired) << std::flush;
    print_variables(exported.variables);
    return 0;
  }
  for (const auto& gateway : resources.gateways) {
    if (!is_safe_file_name(gateway.id)) {
      report_error("gateway id '" + gateway.id + "' cannot be a file name; export to stdout");
      return 1;
    }
  }
  for (const auto& file : config::write_export_files(exported.desired)) {
    if (!write_atomically(fs::path(flags.out) / file.path, file.text)) {
      return 1;
    }
  }
  std::size_t count = 0;
  for (const auto& kind : model::all_kinds()) {
    count += model::count_of(resources, kind.kind);
  }
  std::cout << "Exported " << render::counted(resources.gateways.size(), "gateway") << ", "
            << render::counted(count, "resource") << " in all, to " << flags.out
            << "; check it with `aigw plan -f "
            << flags.out << "`.\n";
  print_variables(exported.variables);
  return 0;
}

} // namespace

void add_export_command(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<ExportFlags>();
  auto* cmd = app.add_subcommand(
      "export", "Write the live account as YAML that `aigw plan` reports clean (adoption)");
  cmd->add_option("--out", flags->out,
                  "Directory to write (aigw.yaml, gateways/ID.yaml, billing.yaml, "
                  "custom_providers.yaml); default: one "
                  "YAML document on stdout");
  cmd->add_option("--gateway", flags->gateways, "Export only this gateway id (repeatable)");
  cmd->add_option("--scope", flags->scope,
                  "Export only gateway ids matching this glob (repeatable); written as `scope`");
  cmd->add_flag("--force", flags->force, "Write into a non-empty directory, over its files");
  cmd->add_option("--parallelism,--concurrency", flags->concurrency,
                  "Reads in flight at once (default 8); --concurrency is an alias")
      ->check(whole_number(1, 64));
  cmd->callback([&global, flags, exit_code] { *exit_code = run_export(global, *flags); });
}

} // namespace aigw::cli
