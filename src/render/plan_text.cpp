#include "render/plan_text.h"

#include "render/change_words.h"
#include "render/impact_words.h"
#include "util/secret.h"

namespace aigw::render {
namespace {

constexpr std::string_view k_reset = "\x1b[0m";
constexpr std::string_view k_bold = "\x1b[1m";

std::string_view colour_of(std::string_view symbol) {
  if (symbol == "+") {
    return "\x1b[32m"; // green
  }
  if (symbol == "-") {
    return "\x1b[31m"; // red
  }
  if (symbol == "!") {
    return "\x1b[35m"; // magenta
  }
  return "\x1b[33m"; // yellow
}

/// Wraps text in an ANSI code when colour is on.
class Painter {
public:
  explicit Painter(bool on) : m_on(on) {}
  [[nodiscard]] std::string paint(std::string_view code, std::string_view text) const {
    if (!m_on) {
      return std::string(text);
    }
    return std::string(code) + std::string(text) + std::string(k_reset);
  }

private:
  bool m_on;
};

} // namespace

std::string render_plan_text(const engine::Plan& plan, const TextOptions& options) {
  const Painter painter(options.colour);
  std::string out;
  if (plan.changes.empty()) {
    out += no_changes_line(plan) + "\n";
  } else {
    out += "aigw will make these changes:\n\n";
  }
  for (const auto& change : plan.changes) {
    const std::string_view symbol = change_symbol(change.kind);
    std::string header = std::string(symbol) + " " + change.address();
    // Appended piece by piece: `"literal" + std::string&&` trips GCC 12's false -Wrestrict at -O3.
    out += "  ";
    out += painter.paint(colour_of(symbol), header);
    out += " (";
    out += change_action(change);
    out += ")";
    if (change.billing) {
      out += " ";
      out += painter.paint(k_bold, "[$ billing]");
    }
    if (change.impact) {
      out += " \u2014 ";
      out += impact_words(*change.impact);
    }
    out += "\n";
    for (const auto& field : change.diff) {
      const std::string line = field_line(field);
      out += "      ";
      out += painter.paint(colour_of(line.substr(0, 1)), line.substr(0, 1));
      out += line.substr(1);
      out += "\n";
    }
  }
  if (!plan.changes.empty()) {
    out += "\n";
  }
  for (const auto& warning : plan.warnings) {
    out += painter.paint(colour_of("~"), "Warning:") + " " + warning + "\n";
  }
  if (!plan.warnings.empty()) {
    out += "\n";
  }
  if (!plan.not_managed.empty()) {
    out += not_managed_heading(plan) + "\n";
    for (const auto& item : plan.not_managed) {
      out += "  ? " + item.address + ": " + item.reason + "\n";
    }
    out += "\n";
  }
  const auto counts = plan.counts();
  if (!plan.changes.empty()) {
    out += painter.paint(k_bold, summary_line(counts));
    if (const auto billing = billing_count(plan); billing > 0) {
      out += " $ " + std::to_string(billing) + " billing change" + (billing == 1 ? "" : "s") + ".";
    }
    out += "\n";
  }
  if (counts.cannot_fix > 0) {
    out += std::to_string(counts.cannot_fix) + " drift" + (counts.cannot_fix == 1 ? "" : "s") +
           " aigw cannot fix (marked !); see the reasons above.\n";
  }
  if (const auto needed = required_env_line(plan); !needed.empty()) {
    out += needed + "\n";
  }
  out += requests_line(plan) + "\n";
  return Redactor::global().redact(out);
}

} // namespace aigw::render
