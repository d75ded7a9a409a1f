#pragma once
// The flags every subcommand accepts, before or after its name (`aigw --api-url U plan` and
// `aigw plan --api-url U` mean the same), and listed in every subcommand's help.

#include <CLI/CLI.hpp>

#include <string>

namespace aigw::cli {

/// Flags every command shares.
struct GlobalOptions {
  std::string api_url;          ///< --api-url, else CLOUDFLARE_API_BASE_URL, else the default
  std::string log_level = "warn";
  bool log_level_given = false; ///< --log-level appeared on the command line
  std::string log_format = "text";
  std::string color = "auto"; ///< --color auto|always|never
  /// --rate-limit: requests per 5 minutes the client allows itself (Cloudflare's global
  /// limit per token is 1200; lower it when other tools share the token).
  double rate_limit = 1200;
};

/// Adds the global flags to cmd (the app or one subcommand), bound to global, in the
/// "Global options" group.
void add_global_options(CLI::App& cmd, GlobalOptions& global);

/// Adds the global flags to every subcommand of app that exists now: call it once, after
/// every subcommand is registered, so a new subcommand gets them without doing anything.
void add_global_options_to_subcommands(CLI::App& app, GlobalOptions& global);

/// Whether to colour what goes to fd: --color always/never decide; auto means a terminal
/// and NO_COLOR unset or empty (no-color.org).
[[nodiscard]] bool use_colour(const GlobalOptions& global, int fd);

} // namespace aigw::cli
