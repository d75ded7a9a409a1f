#include "cli/global_options.h"

#include "cli/number_flags.h"

#include <cstdlib>
#include <unistd.h>

namespace aigw::cli {

void add_global_options(CLI::App& cmd, GlobalOptions& global) {
  const std::string group = "Global options";
  cmd.add_option("--api-url", global.api_url,
                 "API base URL (default: $CLOUDFLARE_API_BASE_URL or "
                 "https://api.cloudflare.com/client/v4)")
      ->group(group);
  cmd.add_option("--rate-limit", global.rate_limit,
                 "API requests allowed per 5 minutes (default 1200, Cloudflare's limit per token)")
      ->check(number_between(1.0, 1.0e9))
      ->group(group);
  cmd.add_option_function<std::string>(
         "--log-level",
         [&global](const std::string& level) {
           global.log_level = level;
           global.log_level_given = true;
         },
         "trace|debug|info|warn|error|off (default warn)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->group(group);
  cmd.add_option("--log-format", global.log_format, "text|json (default text)")
      ->check(CLI::IsMember({"text", "json"}))
      ->group(group);
  cmd.add_option("--color", global.color,
                 "auto|always|never (default auto: on a terminal, unless NO_COLOR is set)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->group(group);
}

void add_global_options_to_subcommands(CLI::App& app, GlobalOptions& global) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return !s->get_name().empty(); })) {
    add_global_options(*sub, global);
  }
}

bool use_colour(const GlobalOptions& global, int fd) {
  if (global.color == "always") {
    return true;
  }
  if (global.color == "never") {
    return false;
  }
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(fd) == 1 && (no_color == nullptr || *no_color == '\0');
}

} // namespace aigw::cli
