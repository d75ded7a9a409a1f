// aigw help [COMMAND]: the same text as `aigw --help` or `aigw COMMAND --help`; and the
// did-you-mean for a mistyped subcommand.

#include "cli/commands.h"
#include "config/suggest.h"

#include <iostream>
#include <memory>
#include <string_view>
#include <vector>

namespace aigw::cli {
namespace {

std::vector<std::string> command_names(CLI::App& app) {
  std::vector<std::string> names;
  for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return !s->get_name().empty(); })) {
    names.push_back(sub->get_name());
  }
  return names;
}

} // namespace

std::string unknown_command_message(CLI::App& app, const std::string& word) {
  const auto names = command_names(app);
  std::vector<std::string_view> candidates(names.begin(), names.end());
  std::string message = "unknown command '" + word + "'";
  if (const auto nearest = config::nearest(word, candidates); !nearest.empty()) {
    message += " (did you mean '" + nearest + "'?)";
  }
  return message + "\nRun 'aigw help' for the list of commands.";
}

void add_help_command(CLI::App& app, const GlobalOptions& /*global*/, int* exit_code) {
  auto topic = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("help", "Show help for aigw or for one command");
  cmd->add_option("COMMAND", *topic, "The command to explain");
  cmd->callback([&app, topic, exit_code] {
    if (topic->empty()) {
      // Not app.help(): that delegates to the parsed subcommand, which is `help` itself.
      std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
      *exit_code = 0;
      return;
    }
    CLI::App* sub = nullptr;
    try {
      sub = app.get_subcommand(*topic);
    } catch (const CLI::OptionNotFound&) {
      std::cerr << "aigw: error: " << unknown_command_message(app, *topic) << "\n";
      *exit_code = 1;
      return;
    }
    std::cout << sub->help(app.get_name()); // "Usage: aigw plan ...", as `aigw plan --help`
    *exit_code = 0;
  });
}

} // namespace aigw::cli
