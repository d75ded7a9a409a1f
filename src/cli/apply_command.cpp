// aigw apply: make live state equal the desired state (from -f, or exactly what a saved plan
// says), after confirmation. Progress and the summary are results (stdout); logs go to stderr.

#include "cli/commands.h"
#include "cli/error_output.h"
#include "cli/number_flags.h"
#include "cli/plan_pipeline.h"
#include "config/loader.h"
#include "config/source_differences.h"
#include "engine/apply.h"
#include "engine/safety.h"
#include "engine/saved_plan.h"
#include "engine/targeting.h"
#include "engine/workflow.h"
#include "render/change_words.h"
#include "render/plan_file.h"
#include "render/plan_text.h"
#include "util/bounded_read.h"
#include "util/result.h"
#include "util/secret.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <unistd.h>

namespace aigw::cli {
namespace {

struct ApplyFlags {
  std::vector<std::string> paths;
  std::string plan_file;
  bool auto_approve = false;
  bool prune = false;
  bool force = false;
  std::vector<std::string> targets;
  int parallelism = 8;
  ImpactFlags impact;
};

/// A plan ready to apply and the client to apply it with.
struct Prepared {
  engine::Plan plan;
  std::unique_ptr<engine::GatewayApi> api;
};

void print_error(const std::string& message) { report_error(message); }

bool is_interactive() { return isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1; }

PlanInputs plan_inputs(const ApplyFlags& flags) {
  return PlanInputs{flags.paths,   flags.prune, flags.force, flags.parallelism,
                    flags.targets, false,       flags.impact};
}
std::optional<Prepared> prepare_from_config(const GlobalOptions& global, const ApplyFlags& flags) {
  auto run = run_plan_pipeline(global, plan_inputs(flags));
  if (!run) {
    return std::nullopt;
  }
  Prepared prepared{std::move(run->plan), std::move(run->api)};
  release_at_exit(std::move(*run)); // its desired and live state: not needed any more
  return prepared;
}

/// Largest plan file read: it carries its sources (each at most
/// config::k_max_file_bytes), the changes and the fingerprints.
constexpr std::size_t k_max_plan_file_bytes = 64 * 1024 * 1024;

/// The plan file's text, or why it cannot be read.
Result<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Error{"cannot read plan file " + path +
                 ": it is a directory (to apply a configuration, use -f " + path + ")"};
  }
  auto text = read_bounded_file(path, k_max_plan_file_bytes);
  if (!text) {
    return Error{"cannot read plan file " + path + ": " + text.error().message};
  }
  return std::move(*text);
}

/// The API's own credentials, which no `${...}` of a plan file may read (a forged plan could
/// otherwise send them to the API as data).
bool is_api_credential(const std::string& name) {
  return name == "CLOUDFLARE_API_TOKEN" || name == "CLOUDFLARE_API_KEY" ||
         name == "CLOUDFLARE_EMAIL";
}

/// The environment a saved plan's sources are loaded with: the process's, except the API's
/// own credentials. Remembers the names it had no value for, to say which are missing.
class PlanSourceEnv {
public:
  std::optional<std::string> operator()(const std::string& name) {
    const char* value = is_api_credential(name) ? nullptr : std::getenv(name.c_str());
    if (value == nullptr) {
      m_unset.insert(name);
      return std::nullopt;
    }
    return std::string(value);
  }

  /// Why the plan's desired state does not load here, after its diagnostics: the
  /// variables its files name that have no value (those a diagnostic names), or else that
  /// it is invalid.
  [[nodiscard]] std::string failure(const config::LoadResult& loaded,
                                    const std::string& plan_file) const {
    std::vector<std::string> unset;
    std::vector<std::string> credentials;
    for (const auto& name : m_unset) {
      const bool named = std::any_of(
          loaded.diagnostics.begin(), loaded.diagnostics.end(),
          [&name](const config::Diagnostic& d) {
            return d.message.find("'" + name + "'") != std::string::npos;
          });
      if (named) {
        (is_api_credential(name) ? credentials : unset).push_back(name);
      }
    }
    std::string message = plan_file + ": the desired state the plan carries is invalid here";
    if (!unset.empty()) {
      message += ": its files name " + std::string(unset.size() == 1 ? "variable " : "variables ") +
                 joined(unset) + ", not set in this environment; apply needs " +
                 (unset.size() == 1 ? "it" : "them") + " to load them (set " +
                 (unset.size() == 1 ? "it" : "them") + " in the apply job's environment)";
    }
    if (!credentials.empty()) {
      message += std::string(unset.empty() ? ": " : "; ") + "its `${...}` name " +
                 joined(credentials) + ", which a saved plan may not read (the API's own " +
                 "credentials)";
    }
    return message + "; no API call was made";
  }

private:
  static std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
      out += (out.empty() ? "" : ", ") + name;
    }
    return out;
  }

  std::set<std::string> m_unset;
};

/// `apply PLANFILE -f PATH`: the plan's desired state must be what PATH says now.
bool sources_match(const engine::SavedPlan& saved, const ApplyFlags& flags) {
  auto now = load_or_report(flags.paths);
  if (!now) {
    return false;
  }
  const auto differences = config::source_differences(saved.sources, now->sources);
  if (differences.empty()) {
    return true;
  }
  std::string message = "the plan's desired state is not what the files given with -f say now; "
                        "nothing was applied:";
  for (const auto& line : differences) {
    message += "\n  " + line;
  }
  print_error(message + "\nMake the plan again from these files (`aigw plan --out`).");
  return false;
}

void print_refusal(const engine::SavedPlanCheck& check) {
  std::string message = "plan is stale or was modified: the plan recomputed from its own "
                        "desired state and live state now differs from the saved one; nothing "
                        "was applied.";
  for (const auto& address : check.stale) {
    message += "\n  live state changed: " + address;
  }
  for (const auto& line : check.modified) {
    message += "\n  changes differ: " + line;
  }
  print_error(message + "\nRun `aigw plan` again.");
}

// A saved plan is a confirmation, not an instruction: the plan is recomputed from the
// desired state and options it carries, and applied only if it comes out the same.
std::optional<Prepared> prepare_from_plan_file(const GlobalOptions& global,
                                               const ApplyFlags& flags) {
  const auto text = read_file(flags.plan_file);
  if (!text) {
    print_error(text.error().message);
    return std::nullopt;
  }
  auto saved = render::read_plan_file(*text);
  if (!saved) {
    print_error(flags.plan_file + ": " + saved.error().message);
    return std::nullopt;
  }
  if (const auto differences =
          engine::option_differences(saved->options, make_plan_options(plan_inputs(flags)));
      !differences.empty()) {
    std::string message = "the saved plan's options are not this apply's; nothing was applied:";
    for (const auto& line : differences) {
      message += "\n  " + line;
    }
    print_error(message + "\nApply a saved plan with the flags it was made with: they are part "
                          "of what was reviewed, and the files cannot vouch for them.");
    return std::nullopt;
  }
  if (!flags.paths.empty() && !sources_match(*saved, flags)) {
    return std::nullopt;
  }
  PlanSourceEnv env;
  auto loaded = config::load_desired_sources(
      saved->sources, {[&env](const std::string& name) { return env(name); }});
  if (!loaded.ok()) {
    report_diagnostics(loaded, env.failure(loaded, flags.plan_file));
    return std::nullopt;
  }
  // The account first, alone: a plan for another account differs in everything else too.
  if (!loaded.desired.account_id.empty() &&
      loaded.desired.account_id != saved->plan.account_id) {
    print_error("the plan was made for account `" + saved->plan.account_id +
                "`, but this apply is for account `" + loaded.desired.account_id +
                "` (the plan's account_id, or CLOUDFLARE_ACCOUNT_ID); nothing was applied.\n"
                "Apply it with the account it was made for, or make a plan for this account.");
    return std::nullopt;
  }
  const auto desired =
      engine::restrict_to_targets(std::move(loaded.desired), saved->options.targets);
  auto api = connect_api(global, desired.account_id, flags.parallelism);
  if (!api) {
    return std::nullopt;
  }
  auto check =
      engine::recompute_saved_plan(*api, *saved, desired, flags.parallelism, render::change_record);
  if (!check) {
    print_error(check.error().to_string() + "\nNothing was applied.");
    return std::nullopt;
  }
  if (!check->ok()) {
    print_refusal(*check);
    return std::nullopt;
  }
  return Prepared{std::move(check->run.plan), std::move(api)};
}

/// Terraform's prompt: only the exact word "yes" applies.
bool confirmed() {
  std::cout << "\nDo you want to apply these changes? Only 'yes' will be accepted: " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "yes";
}

std::string status_label(const engine::StepOutcome& step) {
  switch (step.status) {
  case engine::StepOutcome::Status::done: return "done";
  case engine::StepOutcome::Status::failed: return "FAILED";
  case engine::StepOutcome::Status::skipped: return "skipped";
  }
  return "?";
}

/// One line per finished step, in the plan's words: "[ 3/12] create dataset gw/x: done,
/// created (41 ms)", "[4/12] deploy a new version of route gw/chat: done, ...".
class ProgressPrinter {
public:
  explicit ProgressPrinter(std::size_t total) : m_total(total) {}

  void print(const engine::Change& change, const engine::StepOutcome& step) {
    std::lock_guard lock(m_mutex);
    const auto width = std::to_string(m_total).size();
    auto n = std::to_string(++m_finished);
    n.insert(0, width - std::min(width, n.size()), ' ');
    std::string line = "[" + n + "/" + std::to_string(m_total) + "] " +
                       render::change_phrase(change) + (change.billing ? " [billing]" : "") +
                       ": " + status_label(step);
    if (step.error) {
      line += ": " + step.error->to_string();
    } else if (!step.detail.empty()) {
      line += ", " + step.detail;
    }
    line += " (" + std::to_string(step.elapsed.count()) + " ms)";
    std::cout << Redactor::global().redact(line) << "\n" << std::flush;
  }

private:
  std::mutex m_mutex;
  std::size_t m_total;
  std::size_t m_finished = 0;
};

std::size_t applicable(const engine::Plan& plan) {
  std::size_t n = 0;
  for (const auto& c : plan.changes) {
    n += c.kind == engine::ChangeKind::cannot_fix ? 0 : 1;
  }
  return n;
}

void print_summary(const engine::Plan& plan, const engine::ApplyReport& report,
                   const engine::ApiStats& stats) {
  std::cout << "\nApply " << (report.ok() ? "complete" : "incomplete") << ": " << report.done
            << " done, " << report.failed << " failed, " << report.skipped << " skipped; "
            << render::counted(stats.requests, "API request");
  if (stats.retries > 0) {
    std::cout << " (" << stats.retries << " retried)";
  }
  std::cout << ".\n";
  for (const auto& step : report.steps) {
    const auto& change = plan.changes[step.index];
    if (step.status == engine::StepOutcome::Status::failed) {
      std::cout << "  failed:  " << change.address() << ": "
                << Redactor::global().redact(step.error ? step.error->to_string() : step.detail)
                << "\n";
    } else if (step.status == engine::StepOutcome::Status::skipped) {
      const bool cannot_fix = change.kind == engine::ChangeKind::cannot_fix;
      std::cout << (cannot_fix ? "  cannot fix: " : "  skipped: ") << change.address() << ": "
                << step.detail << "\n";
    }
  }
  if (!report.ok()) {
    std::cout << "Run apply again once the cause is fixed: it converges from wherever this "
                 "run stopped.\n";
  }
}

int run_apply(const GlobalOptions& global, const ApplyFlags& flags) {
  const bool interactive = is_interactive();
  if (!flags.auto_approve && !interactive) {
    print_error("refusing to apply without confirmation: no terminal to ask on (stdin or "
                "stdout is not a TTY). Pass --auto-approve to apply non-interactively.");
    return 1;
  }
  auto prepared = flags.plan_file.empty() ? prepare_from_config(global, flags)
                                          : prepare_from_plan_file(global, flags);
  if (!prepared) {
    return 1;
  }
  const auto& plan = prepared->plan;
  std::cout << render::render_plan_text(plan, {use_colour(global, STDOUT_FILENO)});
  if (!plan.has_changes()) {
    return 0;
  }
  if (auto missing = engine::check_secrets_available(plan)) {
    print_error(missing->to_string());
    return 1;
  }
  if (!flags.auto_approve && !confirmed()) {
    std::cerr << "Apply cancelled: nothing was changed.\n";
    return 1;
  }
  std::cout << "\n";
  spdlog::info("applying {} changes with parallelism {}", applicable(plan), flags.parallelism);
  ProgressPrinter progress(applicable(plan));
  engine::ApplyOptions options;
  options.parallelism = flags.parallelism;
  options.on_step = [&progress](const engine::Change& c, const engine::StepOutcome& s) {
    progress.print(c, s);
  };
  const auto report = engine::apply_plan(*prepared->api, plan, options);
  print_summary(plan, report, prepared->api->stats());
  return report.ok() ? 0 : 1;
}

} // namespace

void add_apply_command(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<ApplyFlags>();
  auto* cmd = app.add_subcommand(
      "apply", "Apply the desired state (or a saved plan) to the account, after confirmation");
  add_paths_option(*cmd, flags->paths);
  cmd->add_option("PLANFILE", flags->plan_file,
                  "A saved plan (from `aigw plan --out`): recomputed from the desired state it "
                  "carries and applied only if it comes out the same (with -f PATH, that "
                  "desired state must also be what PATH says now)");
  cmd->add_flag("--auto-approve", flags->auto_approve, "Apply without asking (needed with no TTY)");
  cmd->add_option("--gateway", flags->targets,
                  "Only gateways whose id matches this glob, and their children (repeatable; "
                  "billing is then left out)");
  cmd->add_flag("--prune", flags->prune, "Delete undeclared resources within scope");
  cmd->add_flag("--force", flags->force, "Allow a plan that deletes more than the threshold");
  cmd->add_option("--parallelism,--concurrency", flags->parallelism,
                  "Requests and independent steps in flight (1..64, default 8)")
      ->check(whole_number(1, 64));
  add_impact_flags(*cmd, flags->impact);
  cmd->callback([&global, flags, exit_code] { *exit_code = run_apply(global, *flags); });
}

} // namespace aigw::cli
