#include "cli/impact_flags.h"

#include "cli/number_flags.h"

namespace aigw::cli {

void add_impact_flags(CLI::App& cmd, ImpactFlags& flags) {
  auto* impact = cmd.add_flag("--impact", flags.impact,
                              "Show the live traffic of every change that can affect it (default: "
                              "deletes only)");
  auto* no_impact = cmd.add_flag("--no-impact", flags.no_impact,
                                 "Read no gateway logs: no traffic figures");
  impact->excludes(no_impact);
  cmd.add_option("--impact-window", flags.window, "Traffic window: 1h, 24h (default) or 7d")
      ->check(CLI::IsMember({"1h", "24h", "7d"}));
  cmd.add_option("--max-impact", flags.max_impact,
                 "Refuse a plan deleting a gateway or route that served more than N requests "
                 "in the window (or whose traffic cannot be read), unless --force")
      ->excludes(no_impact)
      ->check(whole_number(0));
}

engine::ImpactOptions impact_options(const ImpactFlags& flags, int concurrency) {
  engine::ImpactOptions options;
  options.mode = flags.no_impact ? engine::ImpactMode::off
                 : flags.impact  ? engine::ImpactMode::all
                                 : engine::ImpactMode::deletes;
  options.window = flags.window;
  options.concurrency = concurrency;
  return options;
}

} // namespace aigw::cli
