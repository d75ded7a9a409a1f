// aigw plan: show what apply would change. The plan is the result (stdout, as text, JSON or
// Markdown); logs and errors go to stderr. Exit 0 ok, 1 error, 2 changes pending with
// --detailed-exitcode (drift aigw cannot fix counts as pending: it is drift).

#include "cli/commands.h"
#include "cli/diagnostic_output.h"
#include "cli/error_output.h"
#include "cli/number_flags.h"
#include "cli/plan_pipeline.h"
#include "render/plan_file.h"
#include "render/plan_json.h"
#include "render/plan_markdown.h"
#include "render/plan_text.h"
#include "util/secret.h"
#include "util/shell_quote.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aigw::cli {
namespace {

struct PlanFlags {
  std::vector<std::string> paths;
  std::string out;
  std::string output = "text";
  bool detailed_exitcode = false;
  bool prune = false;
  bool force = false;
  std::vector<std::string> targets;
  int concurrency = 8;
  ImpactFlags impact;
};

/// Writes the saved plan atomically (temp file, then rename) so a reader never sees half,
/// readable by its owner only (0600): it describes the account.
bool save_plan(const std::string& path, const engine::SavedPlan& saved) {
  const std::string temp = path + ".tmp";
  const std::string text = render::write_plan_file(saved);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool written = fd >= 0 && ::fchmod(fd, 0600) == 0;
  for (std::size_t done = 0; written && done < text.size();) {
    const auto n = ::write(fd, text.data() + done, text.size() - done);
    written = n > 0;
    done += written ? static_cast<std::size_t>(n) : 0;
  }
  int error = written ? 0 : errno;
  if (fd >= 0 && ::close(fd) != 0 && written) {
    written = false;
    error = errno;
  }
  if (!written) {
    report_error("cannot write the plan to " + path + " (writing " + temp +
                 "): " + std::strerror(error));
    std::remove(temp.c_str());
    return false;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    report_error("cannot write the plan to " + path + ": " + std::strerror(errno));
    std::remove(temp.c_str());
    return false;
  }
  return true;
}

/// The `aigw apply` command that applies the saved plan: with the plan-shaping flags it was
/// made with (apply refuses a saved plan whose flags differ), each word shell-quoted.
std::string apply_command(const PlanFlags& flags) {
  std::vector<std::string> words = {"aigw", "apply", flags.out};
  if (flags.prune) {
    words.emplace_back("--prune");
  }
  if (flags.force) {
    words.emplace_back("--force");
  }
  for (const auto& target : flags.targets) {
    words.insert(words.end(), {"--gateway", target});
  }
  if (flags.impact.impact) {
    words.emplace_back("--impact");
  }
  if (flags.impact.no_impact) {
    words.emplace_back("--no-impact");
  }
  if (flags.impact.window != ImpactFlags{}.window) {
    words.insert(words.end(), {"--impact-window", flags.impact.window});
  }
  if (flags.impact.max_impact) {
    words.insert(words.end(), {"--max-impact", std::to_string(*flags.impact.max_impact)});
  }
  return shell_command(words);
}

/// Inside GitHub Actions, the plan as Markdown at the end of the job's summary page.
void append_step_summary(const engine::Plan& plan) {
  const char* path = std::getenv("GITHUB_STEP_SUMMARY");
  if (!in_github_actions() || path == nullptr || *path == '\0') {
    return;
  }
  std::ofstream summary(path, std::ios::app);
  summary << render::render_plan_markdown(plan) << "\n";
  if (!summary.good()) {
    spdlog::warn("cannot append the plan to GITHUB_STEP_SUMMARY ({})", path);
  }
}

/// Saves (with --out) and prints the plan of a finished run; the exit code.
int report_plan(const GlobalOptions& global, const PlanFlags& flags, const PlanRun& run) {
  const engine::Plan& plan = run.plan;
  if (!flags.out.empty() && !save_plan(flags.out, {plan, run.sources, run.options})) {
    return 1;
  }
  append_step_summary(plan);
  if (flags.output == "json") {
    std::cout << render::render_plan_json(plan);
  } else if (flags.output == "markdown") {
    std::cout << render::render_plan_markdown(plan);
  } else {
    std::cout << render::render_plan_text(plan, {use_colour(global, STDOUT_FILENO)});
    if (!flags.out.empty()) {
      std::cout << "Saved the plan to " << flags.out << "; apply it with `"
                << apply_command(flags) << "`.\n";
    }
  }
  std::cout.flush();
  if (flags.detailed_exitcode && !plan.changes.empty()) {
    return 2;
  }
  return 0;
}

int run_plan(const GlobalOptions& global, const PlanFlags& flags) {
  set_error_result_json(flags.output == "json");
  if (flags.out == "-") {
    report_error("--out -: a saved plan is written to a file (the plan itself goes to stdout); "
                 "give a file name, e.g. --out plan.json");
    return 1;
  }
  PlanInputs inputs{flags.paths, flags.prune, flags.force, flags.concurrency, flags.targets,
                    !flags.out.empty(), flags.impact};
  auto run = run_plan_pipeline(global, inputs);
  if (!run) {
    return 1;
  }
  const int code = report_plan(global, flags, *run);
  release_at_exit(std::move(*run));
  return code;
}

} // namespace

void add_plan_command(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<PlanFlags>();
  auto* cmd = app.add_subcommand("plan", "Show the changes apply would make (reads live state)");
  cmd->add_option("-f,--file", flags->paths,
                  "A YAML file or a directory of *.yaml/*.yml (repeatable; default: ./aigw.yaml "
                  "if it exists, else the current directory)");
  cmd->add_option("--out", flags->out,
                  "Save the plan (its desired state, options and live fingerprints; no "
                  "credentials) for `aigw apply FILE`, which recomputes and compares it");
  cmd->add_option("--output", flags->output, "text|json|markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_flag("--detailed-exitcode", flags->detailed_exitcode,
                "Exit 2 when changes (or drift aigw cannot fix) are pending, 0 when none");
  cmd->add_option("--gateway", flags->targets,
                  "Only gateways whose id matches this glob, and their children (repeatable; "
                  "billing is then left out)");
  cmd->add_flag("--prune", flags->prune, "Delete undeclared resources within scope");
  cmd->add_flag("--force", flags->force, "Plan even past the mass-delete safety threshold");
  cmd->add_option("--parallelism,--concurrency", flags->concurrency,
                  "Requests in flight at once (1..64, default 8)")
      ->check(whole_number(1, 64));
  add_impact_flags(*cmd, flags->impact);
  cmd->callback([&global, flags, exit_code] { *exit_code = run_plan(global, *flags); });
}

} // namespace aigw::cli
