#include "render/plan_markdown.h"

#include "render/change_words.h"
#include "util/secret.h"

namespace aigw::render {
namespace {

/// Escapes the characters that would break a table cell or inline HTML.
std::string escape(std::string_view text) {
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

std::string money(const engine::Change& change) {
  return change.billing ? " **$ billing**" : "";
}

} // namespace

std::string render_plan_markdown(const engine::Plan& plan) {
  std::string out = "### aigw plan\n\n";
  const auto counts = plan.counts();
  if (plan.changes.empty()) {
    out += "**No changes.** Live state matches the configuration.\n\n";
  } else {
    out += "**" + summary_line(counts) + "**";
    if (const auto billing = billing_count(plan); billing > 0) {
      out += " **$ " + std::to_string(billing) + " billing change" + (billing == 1 ? "" : "s") +
             "** (money: review with care).";
    }
    out += "\n\n";
    if (counts.cannot_fix > 0) {
      out += "**" + std::to_string(counts.cannot_fix) + " drift" +
             (counts.cannot_fix == 1 ? "" : "s") + " aigw cannot fix** (marked `!`).\n\n";
    }
    out += "| | Resource | Action |\n|---|---|---|\n";
    for (const auto& change : plan.changes) {
      out += "| `" + std::string(change_symbol(change.kind)) + "` | " + escape(change.address()) +
             " | " + escape(change_action(change)) + money(change) + " |\n";
    }
    out += "\n";
    for (const auto& change : plan.changes) {
      out += "<details><summary><code>" + std::string(change_symbol(change.kind)) + " " +
             escape(change.address()) + "</code> (" + escape(change_action(change)) + ")" +
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
      out += "\n</details>\n\n";
    }
  }
  for (const auto& warning : plan.warnings) {
    out += "> **Warning:** " + escape(warning) + "\n\n";
  }
  out += "_" + requests_line(plan) + "_\n";
  return Redactor::global().redact(out);
}

} // namespace aigw::render
