#pragma once
// The traffic-impact flags plan and apply share: --impact, --no-impact, --impact-window,
// --max-impact.

#include "engine/impact_reader.h"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace aigw::cli {

struct ImpactFlags {
  bool impact = false;    ///< --impact: figures for every change kind that affects traffic
  bool no_impact = false; ///< --no-impact: read no logs
  std::string window = "24h";
  std::optional<std::uint64_t> max_impact; ///< --max-impact N
};

/// Adds the four flags to a subcommand.
void add_impact_flags(CLI::App& cmd, ImpactFlags& flags);

/// The engine options the flags ask for.
[[nodiscard]] engine::ImpactOptions impact_options(const ImpactFlags& flags, int concurrency);

} // namespace aigw::cli
