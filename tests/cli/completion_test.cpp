// aigw completion bash|zsh|fish: scripts generated from the command tree, so every
// subcommand and flag completes; the bash script is checked by bash itself.

#include "support/process.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aigw::test {
namespace {

using ::testing::HasSubstr;

ProcessResult aigw(std::vector<std::string> args) {
  args.insert(args.begin(), aigw_binary());
  return run_process(args, {.timeout = std::chrono::seconds(60)});
}

TEST(Completion, EveryShellScriptNamesEverySubcommandAndTheirFlags) {
  for (const char* shell : {"bash", "zsh", "fish"}) {
    const auto r = aigw({"completion", shell});
    ASSERT_EQ(r.exit_code, 0) << shell << r.err;
    for (const char* word : {"validate", "plan", "apply", "emulator", "completion", "help",
                             "detailed-exitcode", "auto-approve", "api-url", "markdown"}) {
      EXPECT_THAT(r.out, HasSubstr(word)) << shell << " lacks " << word;
    }
  }
}

TEST(Completion, TheBashScriptCompletesSubcommandsFlagsAndValues) {
  TempDir dir;
  const auto script = dir.write("aigw.bash", aigw({"completion", "bash"}).out);
  // Sources the script and asks for completions as bash would at the given words.
  auto complete = [&](const std::string& words, int cword) {
    const std::string program = "source '" + script + "'; COMP_WORDS=(" + words +
                                "); COMP_CWORD=" + std::to_string(cword) +
                                "; _aigw; printf '%s\\n' \"${COMPREPLY[@]}\"";
    return run_process({"/bin/bash", "--noprofile", "--norc", "-c", program},
                       {.timeout = std::chrono::seconds(30)});
  };
  EXPECT_EQ(complete("aigw pl", 1).out, "plan\n");
  EXPECT_EQ(complete("aigw plan --out", 2).out, "--out\n--output\n");
  EXPECT_EQ(complete("aigw plan --output m", 3).out, "markdown\n");
  EXPECT_EQ(complete("aigw completion z", 2).out, "zsh\n");
  EXPECT_EQ(complete("aigw apply --auto", 2).out, "--auto-approve\n");
}

TEST(Completion, AnUnknownShellIsAUsageError) {
  const auto r = aigw({"completion", "powershell"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("aigw: error:"));
}

} // namespace
} // namespace aigw::test
