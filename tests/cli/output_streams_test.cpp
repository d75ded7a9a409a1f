// Streams: results on stdout, diagnostics and errors on stderr; a JSON error object on
// stdout with --output json; a JSON final error line with --log-format json; colour by
// --color and NO_COLOR; GitHub Actions annotations and step summary.

#include "support/emulator_process.h"
#include "support/process.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace aigw::test {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const char* const k_bad = "gateways:\n  - id: a\n    cache_tll: 3\n";
const char* const k_good = "account_id: acc\ngateways:\n  - id: a\n    cache_ttl: 30\n";

ProcessResult aigw(std::vector<std::string> args, ProcessOptions options = {}) {
  args.insert(args.begin(), aigw_binary());
  options.timeout = std::chrono::seconds(60);
  options.env.emplace("GITHUB_ACTIONS", std::nullopt);
  return run_process(args, options);
}

ProcessOptions against(const EmulatorProcess& emulator) {
  return {.env = {{"CLOUDFLARE_API_TOKEN", "t"},
                  {"CLOUDFLARE_API_BASE_URL", emulator.api_url()},
                  {"NO_COLOR", std::nullopt}}};
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(OutputStreams, PlanPrintsDiagnosticsWithTheSourceLineOnStderr) {
  TempDir dir;
  const auto file = dir.write("bad.yaml", k_bad);
  const auto r = aigw({"plan", "-f", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, file + ":3:5: error: unknown key 'cache_tll' (did you mean 'cache_ttl'?)\n"
                          "      cache_tll: 3\n"
                          "      ^\n"
                          "aigw: error: the configuration is invalid; no API call was made\n");
}

TEST(OutputStreams, WithJsonOutputAFailureIsAJsonObjectOnStdout) {
  TempDir dir;
  const auto file = dir.write("bad.yaml", k_bad);
  const auto r = aigw({"plan", "-f", file, "--output", "json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "{\"error\":{\"diagnostics\":[{\"column\":5,\"file\":\"" + file +
                       "\",\"line\":3,\"message\":\"unknown key 'cache_tll' (did you mean "
                       "'cache_ttl'?)\",\"severity\":\"error\"}],\"message\":\"the configuration "
                       "is invalid; no API call was made\"}}\n");
  EXPECT_THAT(r.err, HasSubstr("aigw: error: the configuration is invalid"));
}

TEST(OutputStreams, WithJsonLogsTheFinalErrorLineIsJson) {
  TempDir dir;
  const auto file = dir.write("bad.yaml", k_bad);
  const auto r = aigw({"plan", "-f", file, "--log-format", "json"});
  EXPECT_EQ(r.exit_code, 1);
  const auto last = r.err.substr(r.err.rfind('\n', r.err.size() - 2) + 1);
  EXPECT_THAT(last, StartsWith("{\"ts_ms\":"));
  EXPECT_THAT(last, EndsWith(",\"level\":\"error\",\"msg\":\"the configuration is invalid; no API "
                             "call was made\"}\n"));
}

TEST(OutputStreams, ValidateInGithubActionsAnnotatesEachDiagnostic) {
  TempDir dir;
  const auto file = dir.write("bad.yaml", k_bad);
  ProcessOptions options;
  const auto plain = aigw({"validate", "-f", file});
  EXPECT_THAT(plain.err, Not(HasSubstr("::error")));
  options.env = {{"GITHUB_ACTIONS", "true"}};
  std::vector<std::string> args = {aigw_binary(), "validate", "-f", file};
  const auto r = run_process(args, options);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("::error file=" + file +
                               ",line=3,col=5::unknown key 'cache_tll' (did you mean "
                               "'cache_ttl'?)\n"));
  EXPECT_EQ(r.out, "");
}

TEST(OutputStreams, PlanInGithubActionsAppendsItsMarkdownToTheStepSummary) {
  EmulatorProcess emulator;
  TempDir dir;
  const auto file = dir.write("aigw.yaml", k_good);
  const auto summary = dir.write("summary.md", "# earlier step\n");
  auto options = against(emulator);
  options.env["GITHUB_ACTIONS"] = "true";
  options.env["GITHUB_STEP_SUMMARY"] = summary;
  std::vector<std::string> args = {aigw_binary(), "plan", "-f", file};
  const auto r = run_process(args, options);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto text = read_text(summary);
  EXPECT_THAT(text, StartsWith("# earlier step\n"));
  EXPECT_THAT(text, HasSubstr("gateway"));
}

TEST(OutputStreams, ColourFollowsTheColorFlagAndNoColor) {
  EmulatorProcess emulator;
  TempDir dir;
  const auto file = dir.write("aigw.yaml", k_good);
  auto options = against(emulator);
  const auto piped = aigw({"plan", "-f", file}, options);
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_THAT(piped.out, Not(HasSubstr("\x1b[")));
  const auto always = aigw({"plan", "-f", file, "--color", "always"}, options);
  EXPECT_THAT(always.out, HasSubstr("\x1b["));
  options.env["NO_COLOR"] = "1";
  const auto forced = aigw({"--color=always", "plan", "-f", file}, options);
  EXPECT_THAT(forced.out, HasSubstr("\x1b[")) << "--color always wins over NO_COLOR";
  const auto never = aigw({"plan", "-f", file, "--color", "never"}, options);
  EXPECT_THAT(never.out, Not(HasSubstr("\x1b[")));
}

} // namespace
} // namespace aigw::test
