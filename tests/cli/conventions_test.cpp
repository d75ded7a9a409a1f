// CLI conventions: global flags before or after the subcommand and in every subcommand's
// help, did-you-mean for a mistyped subcommand, `aigw help`, the `aigw: error:` prefix,
// --version, and one flag name for one idea.

#include "support/process.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aigw::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

ProcessResult aigw(std::vector<std::string> args, ProcessOptions options = {}) {
  args.insert(args.begin(), aigw_binary());
  options.timeout = std::chrono::seconds(60);
  return run_process(args, options);
}

const char* const k_global_flags[] = {"--api-url", "--rate-limit", "--log-level", "--log-format",
                                      "--color"};

TEST(CliConventions, GlobalFlagsWorkBeforeAndAfterTheSubcommand) {
  TempDir dir;
  const auto file = dir.write("ok.yaml", "gateways:\n  - id: a\n");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--api-url", "http://127.0.0.1:1/client/v4", "--log-level", "debug", "validate", "-f",
            file},
           {"validate", "-f", file, "--api-url", "http://127.0.0.1:1/client/v4", "--log-level",
            "debug", "--rate-limit", "10", "--log-format", "json", "--color", "never"}}) {
    const auto r = aigw(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("OK: 1 gateway,"));
  }
}

TEST(CliConventions, GlobalFlagsAfterPlanReachTheClient) {
  TempDir dir;
  const auto file = dir.write("ok.yaml", "account_id: acc\ngateways:\n  - id: a\n");
  // The client refuses plain http to a remote host before any request, naming the URL: the
  // flag given after the subcommand reached it (the environment names another URL).
  const auto r = aigw({"plan", "-f", file, "--api-url", "http://example.invalid/client/v4"},
                      {.env = {{"CLOUDFLARE_API_TOKEN", "t"},
                               {"CLOUDFLARE_API_BASE_URL", "http://127.0.0.1:1/client/v4"}}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("'http://example.invalid/client/v4' uses plain http://")) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("not expected"))) << r.err;
}

TEST(CliConventions, ArgumentsACommandDoesNotTakeAreNamedWithTheCommand) {
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"schema", "--output", "json"},
       "aigw: error: unknown flag '--output': 'aigw schema' takes only the global options\n"
       "Run 'aigw help schema' for usage.\n"},
      {{"plan", "--outptu", "json"},
       "aigw: error: unknown flag '--outptu' for 'aigw plan' (did you mean '--output'?)\n"
       "Run 'aigw help plan' for usage.\n"},
      {{"validate", "--bogus=1"},
       "aigw: error: unknown flag '--bogus' for 'aigw validate'\n"
       "Run 'aigw help validate' for usage.\n"},
      {{"validate", "extra"},
       "aigw: error: unexpected argument 'extra' for 'aigw validate'\n"
       "Run 'aigw help validate' for usage.\n"},
      {{"validate", "---"},
       "aigw: error: unknown flag '---' for 'aigw validate'\n"
       "Run 'aigw help validate' for usage.\n"},
  };
  for (const auto& [args, err] : cases) {
    const auto r = aigw(args);
    EXPECT_EQ(r.exit_code, 1) << args[0]; // a usage error, as every other (docs/cli.md)
    EXPECT_EQ(r.err, err);
  }
  // The JSON error object on stdout carries the same message.
  const auto json = aigw({"schema", "--output", "json"});
  EXPECT_EQ(json.out, "{\"error\":{\"message\":\"unknown flag '--output': 'aigw schema' takes "
                      "only the global options\"}}\n");
}

TEST(CliConventions, EverySubcommandHelpListsTheGlobalFlags) {
  for (const char* command : {"validate", "plan", "apply", "emulator", "completion"}) {
    const auto r = aigw({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_THAT(r.out, HasSubstr("Global options")) << command;
    for (const char* flag : k_global_flags) {
      EXPECT_THAT(r.out, HasSubstr(flag)) << command << " --help lacks " << flag;
    }
  }
}

TEST(CliConventions, AMistypedSubcommandGetsASuggestion) {
  const auto r = aigw({"--log-level", "info", "plna", "-f", "x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "aigw: error: unknown command 'plna' (did you mean 'plan'?)\n"
                   "Run 'aigw help' for the list of commands.\n");
  const auto far = aigw({"zzzzzz"});
  EXPECT_EQ(far.err, "aigw: error: unknown command 'zzzzzz'\n"
                     "Run 'aigw help' for the list of commands.\n");
}

TEST(CliConventions, HelpCommandMatchesHelpFlag) {
  const auto top = aigw({"help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_THAT(top.out, StartsWith("aigw: keep a Cloudflare AI Gateway account in Git"));
  for (const char* command : {"validate", "plan", "apply", "completion", "help"}) {
    EXPECT_THAT(top.out, HasSubstr(command));
  }
  const auto plan = aigw({"help", "plan"});
  EXPECT_EQ(plan.exit_code, 0);
  EXPECT_EQ(plan.out, aigw({"plan", "--help"}).out);
  EXPECT_THAT(plan.out, HasSubstr("Usage: aigw plan"));

  const auto unknown = aigw({"help", "plna"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, StartsWith("aigw: error: unknown command 'plna' (did you mean 'plan'?)"));
}

TEST(CliConventions, ParseErrorsNameTheProgramAigwAndGoToStderr) {
  const auto r = aigw({"plan", "--output", "yaml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, StartsWith("aigw: error: "));
  EXPECT_THAT(r.err, HasSubstr("Run 'aigw help plan' for usage."));
  EXPECT_THAT(r.err, Not(HasSubstr(aigw_binary())));

  const auto help = aigw({"--help"});
  EXPECT_THAT(help.out, HasSubstr("Usage: aigw "));
  EXPECT_THAT(help.out, Not(HasSubstr(aigw_binary())));
}

/// Each command line fails with exit 1 and exactly `aigw: error: MESSAGE`, then the help of
/// its command to read.
void expect_usage_errors(
    const std::vector<std::pair<std::vector<std::string>, std::string>>& cases) {
  for (const auto& [args, message] : cases) {
    const auto r = aigw(args);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "aigw: error: " + message + "\nRun 'aigw help " + args.front() +
                         "' for usage.\n");
  }
}

TEST(CliConventions, NumericFlagsSayInWordsWhatTheyTake) {
  expect_usage_errors({
      {{"plan", "--rate-limit", "0"},
       "--rate-limit: must be a number from 1 to 1000000000, got '0'"},
      {{"plan", "--parallelism", "abc"},
       "--parallelism: must be a whole number from 1 to 64, got 'abc'"},
      {{"apply", "--concurrency", "65"},
       "--parallelism: must be a whole number from 1 to 64, got '65'"},
      {{"plan", "--max-impact", "-1"},
       "--max-impact: must be a whole number of at least 0, got '-1'"},
      {{"emulator", "--fault-rate", "1.5"},
       "--fault-rate: must be a number from 0 to 1, got '1.5'"},
      {{"emulator", "--latency", "2.5"},
       "--latency: must be a whole number from 0 to 600000, got '2.5'"},
  });
}

TEST(CliConventions, UsageErrorsFoundAfterParsingNameTheHelpToRead) {
  TempDir dir;
  const auto file = dir.write("ok.yaml", "account_id: acc\ngateways:\n  - id: a\n");
  expect_usage_errors({
      {{"reconcile", "-f", file}, "reconcile needs --once or --interval DURATION"},
      {{"reconcile", "-f", file, "--interval", "0s"},
       "--interval: duration '0s' must be more than zero"},
      {{"reconcile", "-f", file, "--once", "--metrics-addr", "127.0.0.1:0"},
       "--metrics-addr needs --interval: a single cycle (--once) serves no metrics"},
      {{"emulator", "--listen", "bogus"},
       "--listen: must be HOST:PORT with a numeric IP address, got 'bogus'"},
  });
}

TEST(CliConventions, VersionNamesCommitAndLibraries) {
  const auto r = aigw({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, StartsWith("aigw 0."));
  EXPECT_THAT(r.out, HasSubstr("(commit "));
  for (const char* library : {"Boost 1.", "OpenSSL 3", "yaml-cpp 0.", "spdlog 1.", "CLI11 2."}) {
    EXPECT_THAT(r.out, HasSubstr(library));
  }
}

TEST(CliConventions, ParallelismIsOneFlagWithConcurrencyAsItsAlias) {
  for (const char* command : {"plan", "apply"}) {
    const auto help = aigw({command, "--help"});
    EXPECT_THAT(help.out, HasSubstr("--parallelism")) << command;
    EXPECT_THAT(help.out, HasSubstr("--concurrency")) << command;
  }
  TempDir dir;
  const auto file = dir.write("ok.yaml", "account_id: acc\ngateways:\n  - id: a\n");
  for (const char* flag : {"--parallelism", "--concurrency"}) {
    // Out of range either way: the same option checks it.
    const auto r = aigw({"plan", "-f", file, flag, "0"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr("--parallelism")) << r.err;
  }
}

} // namespace
} // namespace aigw::test
