#include "render/plan_markdown.h"

#include "render/change_words.h"
#include "render/impact_words.h"
#include "render/route_graph_markdown.h"
#include "util/concat.h"
#include "util/secret.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace aigw::render {

std::string escape_markdown(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '|': out += "\\|"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '&': out += "&amp;"; break;
    default: out += c;
    }
  }
  return out;
}

namespace {

constexpr std::string_view k_graphs_heading = "#### Route graphs\n\n";

/// Most "not managed" entries a comment lists (each is a few hundred characters at most).
constexpr std::size_t k_not_managed_listed = 50;

std::string money(const engine::Change& change) {
  return change.billing ? " **$ billing**" : "";
}

std::string details_block(const engine::Change& change) {
  std::string out = "<details><summary><code>" + std::string(change_symbol(change.kind)) + " " +
                    escape_markdown(change.address()) + "</code> (" +
                    escape_markdown(change_action(change)) + ")" +
                    (change.billing ? " <b>$ billing</b>" : "") + "</summary>\n\n";
  if (change.diff.empty()) {
    out += "No field-level details.\n";
  } else {
    out += "```diff\n";
    for (const auto& field : change.diff) {
      out += field_line(field) + "\n";
    }
    out += "```\n";
  }
  return out + "\n</details>\n\n";
}

/// The traffic cell: "12,430 (3.2% errors)", a route's "1,200 of 12,430 (3.2% errors)",
/// "unknown", or "" when the change has no figure.
std::string traffic_cell(const engine::Change& change) {
  if (!change.impact) {
    return "";
  }
  const auto& impact = *change.impact;
  if (!impact.known) {
    return "unknown";
  }
  std::string cell = impact.route_requests ? thousands(*impact.route_requests) + " of " : "";
  cell += thousands(impact.requests);
  if (impact.requests > 0) {
    cell += " (" + error_share(impact) + " errors)";
  }
  return cell;
}

std::string table_row(const engine::Change& change, bool traffic) {
  return "| `" + std::string(change_symbol(change.kind)) + "` | " +
         escape_markdown(change.address()) + " | " + escape_markdown(change_action(change)) +
         money(change) + " |" + (traffic ? concat(" ", traffic_cell(change), " |") : "") + "\n";
}

/// Change indices, the busiest first (unknown traffic counts as busiest: it may be),
/// then changes without figures in plan order.
std::vector<std::size_t> busiest_first(const engine::Plan& plan) {
  std::vector<std::size_t> order(plan.changes.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  const auto rank = [&](std::size_t i) -> std::pair<int, std::uint64_t> {
    const auto& impact = plan.changes[i].impact;
    if (!impact) {
      return {0, 0};
    }
    return impact->known ? std::pair<int, std::uint64_t>{1, impact->served()}
                         : std::pair<int, std::uint64_t>{2, 0};
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rank(a) > rank(b); });
  return order;
}

} // namespace

std::string render_plan_markdown(const engine::Plan& plan) {
  std::string head = "### aigw plan\n\n";
  const auto counts = plan.counts();
  if (plan.changes.empty()) {
    head += "**" + no_changes_line(plan) + "**\n\n";
  } else {
    head += "**" + summary_line(counts) + "**";
    if (const auto billing = billing_count(plan); billing > 0) {
      head += " **$ " + std::to_string(billing) + " billing change" + (billing == 1 ? "" : "s") +
              "** (money: review with care).";
    }
    head += "\n\n";
    if (counts.cannot_fix > 0) {
      head += "**" + std::to_string(counts.cannot_fix) + " drift" +
              (counts.cannot_fix == 1 ? "" : "s") + " aigw cannot fix** (marked `!`).\n\n";
    }
  }
  std::string tail;
  for (const auto& warning : plan.warnings) {
    tail += "> **Warning:** " + escape_markdown(warning) + "\n\n";
  }
  if (!plan.not_managed.empty()) {
    tail += "**" + escape_markdown(not_managed_heading(plan)) + "**\n\n";
    // The tail is always printed whole, so the list is capped to keep the comment in size.
    const std::size_t shown_items = std::min(plan.not_managed.size(), k_not_managed_listed);
    for (std::size_t i = 0; i < shown_items; ++i) {
      const auto& item = plan.not_managed[i];
      tail += "- `" + escape_markdown(item.address) + "`: " + escape_markdown(item.reason) + "\n";
    }
    if (shown_items < plan.not_managed.size()) {
      tail += "- _and " + std::to_string(plan.not_managed.size() - shown_items) +
              " more; run `aigw plan` for the full list_\n";
    }
    tail += "\n";
  }
  if (const auto needed = required_env_line(plan); !needed.empty()) {
    tail += escape_markdown(needed) + "\n\n";
  }
  tail += concat("_", requests_line(plan), "_\n");

  // Rows first, then details, while the comment stays under the budget; the summary and
  // the tail are always complete.
  std::string table;
  std::string details;
  std::size_t rows = 0;
  std::size_t shown = 0;
  // The reserve holds the notes on what was left out.
  const std::size_t budget =
      k_markdown_budget - std::min(k_markdown_budget, head.size() + tail.size() + 500);
  const std::string window = plan_impact_window(plan);
  const auto order = busiest_first(plan);
  for (std::size_t i : order) {
    std::string row = table_row(plan.changes[i], !window.empty());
    if (table.size() + row.size() > budget) {
      break;
    }
    table += row;
    ++rows;
  }
  for (std::size_t i = 0; i < rows; ++i) {
    std::string block = details_block(plan.changes[order[i]]);
    if (table.size() + details.size() + block.size() > budget) {
      break;
    }
    details += block;
    ++shown;
  }
  // Route graphs last, with what room is left: they are the first thing a large plan drops.
  std::string graphs;
  std::size_t graphs_left_out = 0;
  // In the table's order, so a graph is drawn only for a change whose details are shown.
  for (std::size_t i = 0; i < order.size(); ++i) {
    std::string section = route_graph_markdown(plan.changes[order[i]]);
    if (section.empty()) {
      continue;
    }
    const std::size_t used =
        table.size() + details.size() + graphs.size() + k_graphs_heading.size();
    if (graphs_left_out == 0 && i < shown && used + section.size() <= budget) {
      graphs += section;
    } else {
      ++graphs_left_out;
    }
  }
  std::string out = head;
  if (!plan.changes.empty()) {
    out += window.empty() ? "| | Resource | Action |\n|---|---|---|\n"
                          : "| | Resource | Action | Requests (" + window_words(window) +
                                ") |\n|---|---|---|---:|\n";
    out += table + "\n" + details;
  }
  if (!graphs.empty()) {
    out += std::string(k_graphs_heading) + graphs;
  }
  if (shown < plan.changes.size()) {
    const auto more = plan.changes.size() - shown;
    out += concat("_", std::to_string(more), more == 1 ? " more change" : " more changes",
                  " not detailed here, to keep the comment within GitHub's size limit; "
                  "run `aigw plan` for the full plan._\n\n");
  }
  if (graphs_left_out > 0) {
    out += concat("_", std::to_string(graphs_left_out),
                  graphs_left_out == 1 ? " route graph" : " route graphs",
                  " left out, to keep the comment within GitHub's size limit; "
                  "`aigw graph --route GATEWAY/NAME` draws them._\n\n");
  }
  return Redactor::global().redact(out + tail);
}

} // namespace aigw::render
