// What a new user meets, end to end with the real binary and the emulator: the apply
// command `plan --out` prints works as printed; aigw never reads without bound (/dev/zero,
// a FIFO, a huge plan file) and shows a saved plan's own source lines; a plan for another
// account is one clear error; files under another -f root pair by their relative path;
// --output json gives a JSON error for usage errors and lists a configuration's
// diagnostics; an unset variable a saved plan needs is named; --out - and an unwritable
// --out are refused with the reason.

#include "apply_e2e_support.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>

#include <filesystem>
#include <sys/stat.h>

namespace aigw::test {
namespace {

namespace json = boost::json;
using testing::HasSubstr;
using testing::Not;

const std::string k_two_gateways = R"(account_id: ${CLOUDFLARE_ACCOUNT_ID}
gateways:
  - id: search-a
    cache_ttl: 200
    provider_configs:
      - provider_slug: openai
        alias: main
        secret: ${OPENAI_API_KEY}
  - id: other
    cache_ttl: 300
)";

class FirstUse : public testing::Test {
protected:
  EmulatorProcess emulator;
  TempDir dir;

  /// `aigw ARGS...` in dir, with the e2e environment changed by `env` (nullopt removes).
  ProcessResult run(std::vector<std::string> args,
                    const std::map<std::string, std::optional<std::string>>& env = {}) {
    args.insert(args.begin(), aigw_binary());
    auto options = aigw_environment(emulator, true);
    for (const auto& [name, value] : env) {
      options.env[name] = value;
    }
    options.cwd = dir.path();
    options.timeout = std::chrono::seconds(30);
    return run_process(args, options);
  }

  static std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
      ++n;
    }
    return n;
  }
};

TEST_F(FirstUse, PlanOutPrintsTheApplyCommandWithThePlanShapingFlagsQuoted) {
  dir.write("config/aigw.yaml", k_two_gateways);
  const auto plan = run({"plan", "-f", "config", "--prune", "--gateway", "search-*",
                         "--impact-window", "7d", "--out", "pp.json"});
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  EXPECT_THAT(plan.out, HasSubstr("Saved the plan to pp.json; apply it with `aigw apply pp.json "
                                  "--prune --gateway 'search-*' --impact-window 7d`.\n"));
  // The command as printed (the shell removes the quotes) applies it.
  const auto applied = run({"apply", "pp.json", "--prune", "--gateway", "search-*",
                            "--impact-window", "7d", "--auto-approve"});
  EXPECT_EQ(applied.exit_code, 0) << describe(applied);
}

TEST_F(FirstUse, ValidateOfADeviceEndsWithAClearError) {
  const auto result = run({"validate", "-f", "/dev/zero"});
  ASSERT_FALSE(result.timed_out) << "validate -f /dev/zero never ended";
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("/dev/zero:1:1: error: not a regular file or directory\n"));
}

TEST_F(FirstUse, ApplyOfADeviceAFifoOrAHugePlanFileIsRefusedUnread) {
  const auto zero = run({"apply", "/dev/zero", "--auto-approve"});
  ASSERT_FALSE(zero.timed_out) << "apply /dev/zero never ended";
  EXPECT_EQ(zero.exit_code, 1) << describe(zero);
  EXPECT_THAT(zero.err, HasSubstr("cannot read plan file /dev/zero: not a regular file (a "
                                  "character device)"));

  ASSERT_EQ(::mkfifo((dir.path() + "/fifo.json").c_str(), 0600), 0);
  const auto fifo = run({"apply", "fifo.json", "--auto-approve"});
  ASSERT_FALSE(fifo.timed_out) << "apply of a FIFO blocked";
  EXPECT_THAT(fifo.err, HasSubstr("cannot read plan file fifo.json: not a regular file (a FIFO)"));

  const auto huge = dir.path() + "/huge.json";
  dir.write("huge.json", "");
  std::filesystem::resize_file(huge, 64U * 1024 * 1024 + 1); // sparse: no disk used
  const auto big = run({"apply", "huge.json", "--auto-approve"});
  EXPECT_EQ(big.exit_code, 1) << describe(big);
  EXPECT_THAT(big.err, HasSubstr("cannot read plan file huge.json: larger than the limit of "
                                 "64 MiB (67108865 bytes)"));
}

TEST_F(FirstUse, AnUnsetVariableOfASavedPlanIsNamedWithThePlansOwnSourceLine) {
  dir.write("config/aigw.yaml", k_two_gateways);
  const auto plan = run({"plan", "-f", "config", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  // The file on disk now says something else: the diagnostic shows the plan's line.
  dir.write("config/aigw.yaml", "# decoy line 1\n");
  const auto applied =
      run({"apply", "plan.json", "--auto-approve"}, {{"CLOUDFLARE_ACCOUNT_ID", std::nullopt}});
  EXPECT_EQ(applied.exit_code, 1) << describe(applied);
  EXPECT_THAT(applied.err, HasSubstr("config/aigw.yaml:1:13: error: environment variable "
                                     "'CLOUDFLARE_ACCOUNT_ID' is not set (in 'account_id')\n"
                                     "  account_id: ${CLOUDFLARE_ACCOUNT_ID}\n"));
  EXPECT_THAT(applied.err, Not(HasSubstr("decoy")));
  EXPECT_THAT(applied.err,
              HasSubstr("its files name variable CLOUDFLARE_ACCOUNT_ID, not set in this "
                        "environment; apply needs it to load them"));
  EXPECT_THAT(applied.err, Not(HasSubstr("CLOUDFLARE_API_TOKEN")));
}

TEST_F(FirstUse, APlanForAnotherAccountIsOneClearErrorFirst) {
  dir.write("config/aigw.yaml", k_two_gateways);
  ASSERT_EQ(run({"apply", "-f", "config", "--auto-approve"}).exit_code, 0);
  dir.write("config/aigw.yaml", k_two_gateways + "  - id: third\n");
  const auto plan = run({"plan", "-f", "config", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  const auto applied =
      run({"apply", "plan.json", "--auto-approve"}, {{"CLOUDFLARE_ACCOUNT_ID", "acct-other"}});
  EXPECT_EQ(applied.exit_code, 1) << describe(applied);
  EXPECT_EQ(applied.err.rfind(std::string("aigw: error: the plan was made for account `") +
                                  k_account + "`, but this apply is for account `acct-other`",
                              0),
            0U)
      << applied.err;
  EXPECT_EQ(count(applied.err, "aigw: error:"), 1U) << applied.err;
  EXPECT_THAT(applied.err, Not(HasSubstr("stale")));
  EXPECT_THAT(applied.err, Not(HasSubstr("live state changed")));
}

TEST_F(FirstUse, ApplyPlanUnderAnotherRootReportsOnlyTheExtraFile) {
  dir.write("config/aigw.yaml", k_two_gateways);
  ASSERT_EQ(run({"plan", "-f", "config", "--out", "plan.json"}).exit_code, 0);
  dir.write("config/extra.yaml", "gateways:\n  - id: extra\n");
  const auto applied = run({"apply", "plan.json", "-f", dir.path() + "/config/", "--auto-approve"});
  EXPECT_EQ(applied.exit_code, 1) << describe(applied);
  EXPECT_THAT(applied.err, HasSubstr("\n  " + dir.path() +
                                     "/config/extra.yaml is in the files read now but not in "
                                     "the plan\n"));
  EXPECT_EQ(count(applied.err, "aigw.yaml"), 0U) << applied.err;
}

TEST_F(FirstUse, UsageErrorsWithOutputJsonAreAJsonErrorOnStdout) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"plan", "--output", "json", "--bogus"},
        std::vector<std::string>{"plan", "--output=json", "--parallelism", "0"}}) {
    const auto result = run(args);
    EXPECT_EQ(result.exit_code, 1) << describe(result);
    const auto out = json::parse(result.out).as_object();
    EXPECT_FALSE(out.at("error").at("message").as_string().empty()) << result.out;
    EXPECT_THAT(result.err, HasSubstr("aigw: error: ")) << "stderr keeps the usage error";
  }
}

TEST_F(FirstUse, AnInvalidConfigurationWithOutputJsonListsItsDiagnostics) {
  dir.write("aigw.yaml", "gateways:\n  - id: gw\n    cache_tll: 5\n");
  const auto result = run({"plan", "--output", "json"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  const auto error = json::parse(result.out).at("error").as_object();
  // CLOUDFLARE_ACCOUNT_ID is set: the gateway list was being read while the file loaded
  // (whether its first page had arrived is a race: early_gateway_list_e2e_test.cpp).
  EXPECT_THAT(std::string(error.at("message").as_string()),
              HasSubstr("the configuration is invalid; nothing was changed ("));
  const auto& diagnostics = error.at("diagnostics").as_array();
  ASSERT_EQ(diagnostics.size(), 1U) << result.out;
  const auto& d = diagnostics[0].as_object();
  EXPECT_EQ(d.at("file").as_string(), "./aigw.yaml");
  EXPECT_EQ(d.at("line").to_number<int>(), 3);
  EXPECT_EQ(d.at("column").to_number<int>(), 5);
  EXPECT_THAT(std::string(d.at("message").as_string()), HasSubstr("cache_tll"));
  EXPECT_THAT(result.err, HasSubstr("./aigw.yaml:3:5: error: ")) << "stderr keeps the diagnostics";
}

TEST_F(FirstUse, OutDashAndAnUnwritableOutAreRefusedWithTheReason) {
  dir.write("aigw.yaml", k_two_gateways);
  const auto dash = run({"plan", "--out", "-"});
  EXPECT_EQ(dash.exit_code, 1) << describe(dash);
  EXPECT_THAT(dash.err, HasSubstr("--out -: a saved plan is written to a file"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/-"));
  const auto missing = run({"plan", "--out", "/nonexistent-dir/x.json"});
  EXPECT_EQ(missing.exit_code, 1) << describe(missing);
  EXPECT_THAT(missing.err, HasSubstr("cannot write the plan to /nonexistent-dir/x.json (writing "
                                     "/nonexistent-dir/x.json.tmp): No such file or directory"));
}

TEST_F(FirstUse, ABareAigwPrintsTheHelpAndExitsOneLikeGit) {
  const auto bare = run({});
  EXPECT_EQ(bare.exit_code, 1) << describe(bare);
  EXPECT_THAT(bare.out, HasSubstr("Usage: aigw"));
  EXPECT_THAT(bare.out, HasSubstr("plan"));
  EXPECT_EQ(bare.err, "");
}

} // namespace
} // namespace aigw::test
