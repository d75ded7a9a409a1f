#include "cli/usage_error.h"

#include "config/suggest.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace aigw::cli {
namespace {

/// The long and short names of a command's flags ("--output", "-f"); `own` leaves out the
/// global options (also the top-level app's) and --help.
std::vector<std::string> flag_names(const CLI::App& command, const CLI::App& top, bool own) {
  std::vector<std::string> out;
  for (const CLI::Option* option : command.get_options()) {
    const auto& names = option->get_lnames();
    const bool global = &command != &top && !names.empty() &&
                        top.get_option_no_throw("--" + names.front()) != nullptr;
    if (own && (global || option == command.get_help_ptr())) {
      continue;
    }
    for (const auto& name : names) {
      out.push_back("--" + name);
    }
    for (const auto& name : option->get_snames()) {
      out.push_back("-" + name);
    }
  }
  return out;
}

} // namespace

std::string usage_error_message(const CLI::App& app, const CLI::Error& error) {
  if (dynamic_cast<const CLI::ExtrasError*>(&error) == nullptr) {
    return error.what();
  }
  const auto parsed = app.get_subcommands();
  const CLI::App& command = parsed.empty() ? app : *parsed.front();
  std::vector<std::string> extras = command.remaining();
  if (extras.empty()) {
    extras = app.remaining();
  }
  if (extras.empty()) {
    return error.what();
  }
  const std::string name = "'aigw" + (parsed.empty() ? "" : " " + command.get_name()) + "'";
  const std::string& first = extras.front();
  if (first.size() < 2 || first[0] != '-') {
    return "unexpected argument '" + first + "' for " + name;
  }
  const std::string flag = first.substr(0, first.find('='));
  const auto own = flag_names(command, app, true);
  if (own.empty()) {
    return "unknown flag '" + flag + "': " + name + " takes only the global options";
  }
  // Compared without their dashes, which every name shares and a typo does not touch.
  const auto all = flag_names(command, app, false);
  std::vector<std::string_view> candidates;
  for (const auto& candidate : all) {
    candidates.push_back(std::string_view(candidate).substr(candidate.find_first_not_of('-')));
  }
  std::string message = "unknown flag '" + flag + "' for " + name;
  const auto bare = std::string_view(flag).substr(std::min(flag.find_first_not_of('-'), flag.size()));
  if (const auto guess = bare.empty() ? std::string() : config::nearest(bare, candidates);
      !guess.empty()) {
    message += " (did you mean '" + std::string(guess.size() == 1 ? "-" : "--") + guess + "'?)";
  }
  return message;
}

} // namespace aigw::cli
