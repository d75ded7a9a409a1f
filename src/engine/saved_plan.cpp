#include "engine/saved_plan.h"

#include "engine/fingerprint.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace aigw::engine {

namespace {

std::string with_or_without(bool on) {
  return on ? "with it" : "without it";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : " ") + item;
  }
  return out.empty() ? "(none)" : out;
}

std::string_view mode_flag(ImpactMode mode) {
  switch (mode) {
  case ImpactMode::off: return "--no-impact";
  case ImpactMode::deletes: return "(neither --impact nor --no-impact)";
  case ImpactMode::all: return "--impact";
  }
  return "";
}

} // namespace

std::vector<std::string> option_differences(const MakePlanOptions& saved,
                                            const MakePlanOptions& given) {
  std::vector<std::string> out;
  const auto differ = [&out](const std::string& flag, const std::string& in_plan,
                             const std::string& here) {
    out.push_back(flag + ": the plan was made " + in_plan + ", this apply " + here);
  };
  if (saved.plan.prune != given.plan.prune) {
    differ("--prune", with_or_without(saved.plan.prune), with_or_without(given.plan.prune));
  }
  if (saved.plan.force != given.plan.force) {
    differ("--force", with_or_without(saved.plan.force), with_or_without(given.plan.force));
  }
  if (saved.targets != given.targets) {
    differ("--gateway", "with " + joined(saved.targets), "with " + joined(given.targets));
  }
  if (saved.impact.mode != given.impact.mode) {
    differ("--impact/--no-impact", "with " + std::string(mode_flag(saved.impact.mode)),
           "with " + std::string(mode_flag(given.impact.mode)));
  }
  if (saved.impact.window != given.impact.window) {
    differ("--impact-window", "with " + saved.impact.window, "with " + given.impact.window);
  }
  if (saved.max_impact != given.max_impact) {
    const auto text = [](const std::optional<std::uint64_t>& n) {
      return n ? "with " + std::to_string(*n) : std::string("without it");
    };
    differ("--max-impact", text(saved.max_impact), text(given.max_impact));
  }
  return out;
}

std::vector<std::string> fingerprint_differences(const std::vector<Fingerprint>& saved,
                                                 const std::vector<Fingerprint>& recomputed) {
  std::map<std::string, std::string> before;
  for (const auto& f : saved) {
    before[f.address] = f.hash;
  }
  std::set<std::string> out;
  for (const auto& f : recomputed) {
    const auto it = before.find(f.address);
    if (it == before.end() || it->second != f.hash) {
      out.insert(f.address);
    }
    if (it != before.end()) {
      before.erase(it);
    }
  }
  for (const auto& [address, hash] : before) {
    out.insert(address);
  }
  return {out.begin(), out.end()};
}

std::vector<std::string> change_differences(const std::vector<Change>& saved,
                                            const std::vector<Change>& recomputed,
                                            const ChangeRecord& record) {
  std::vector<std::string> out;
  const auto add = [&out](const std::string& what) {
    if (std::find(out.begin(), out.end(), what) == out.end()) {
      out.push_back(what);
    }
  };
  const auto named = [](const Change& c) {
    return std::string(change_kind_name(c.kind)) + " " + c.address();
  };
  // Pair each saved change with a recomputed one: the same kind and address first, then the
  // same address (a kind that changed), so one extra change is named as itself rather than
  // shifting every pair after it.
  std::vector<std::optional<std::size_t>> pair(saved.size());
  std::vector<bool> taken(recomputed.size(), false);
  for (const bool same_kind : {true, false}) {
    for (std::size_t i = 0; i < saved.size(); ++i) {
      for (std::size_t j = 0; j < recomputed.size() && !pair[i]; ++j) {
        if (!taken[j] && saved[i].address() == recomputed[j].address() &&
            (!same_kind || saved[i].kind == recomputed[j].kind)) {
          pair[i] = j;
          taken[j] = true;
        }
      }
    }
  }
  bool in_order = true;
  for (std::size_t i = 0; i < saved.size(); ++i) {
    if (!pair[i]) {
      add(named(saved[i]) + ": only in the saved plan");
      in_order = false;
      continue;
    }
    const Change& now = recomputed[*pair[i]];
    in_order = in_order && *pair[i] == i;
    if (saved[i].kind != now.kind) {
      add(named(saved[i]) + ": recomputed as " + named(now));
    } else if (record(saved[i]) != record(now)) {
      add(named(saved[i]) + ": differs");
    }
  }
  for (std::size_t j = 0; j < recomputed.size(); ++j) {
    if (!taken[j]) {
      add(named(recomputed[j]) + ": not in the saved plan");
      in_order = false;
    }
  }
  if (out.empty() && !in_order) {
    add("the order of the changes differs"); // order and dependencies are part of a plan
  }
  return out;
}

Result<SavedPlanCheck, WorkflowError> recompute_saved_plan(GatewayApi& api, const SavedPlan& saved,
                                                           const model::Desired& desired,
                                                           int concurrency,
                                                           const ChangeRecord& record) {
  auto options = saved.options;
  options.concurrency = concurrency;
  options.plan.fingerprints = true;
  auto made = make_plan(api, desired, options);
  if (!made) {
    return std::move(made.error());
  }
  SavedPlanCheck check{std::move(made.value()), {}, {}};
  const Plan& plan = check.run.plan;
  std::set<std::string> stale;
  for (auto& address : find_stale(saved.plan.fingerprints, check.run.live)) {
    stale.insert(std::move(address));
  }
  for (auto& address : fingerprint_differences(saved.plan.fingerprints, plan.fingerprints)) {
    stale.insert(std::move(address));
  }
  check.stale.assign(stale.begin(), stale.end());
  if (saved.plan.account_id != plan.account_id) {
    check.modified.push_back("account_id: saved `" + saved.plan.account_id + "`, recomputed `" +
                             plan.account_id + "`");
  }
  for (auto& difference : change_differences(saved.plan.changes, plan.changes, record)) {
    check.modified.push_back(std::move(difference));
  }
  return check;
}

} // namespace aigw::engine
