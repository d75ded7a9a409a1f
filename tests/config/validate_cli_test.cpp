// `aigw validate` as a user runs it: the real binary, real files, exit codes, stdout.

#include "support/process.h"

#include <gtest/gtest.h>

using aigw::test::run_process;
using aigw::test::TempDir;

namespace {

aigw::test::ProcessResult validate(std::vector<std::string> args,
                                   aigw::test::ProcessOptions options = {}) {
  args.insert(args.begin(), {aigw::test::aigw_binary(), "validate"});
  options.timeout = std::chrono::seconds(60);
  return run_process(args, options);
}

} // namespace

TEST(ValidateCli, ValidFileExitsZeroWithSummary) {
  TempDir dir;
  const auto file = dir.write("ok.yaml", "gateways:\n  - id: a\n  - id: b\n");
  const auto r = validate({"-f", file});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "OK: 2 gateways, 0 datasets, 0 provider configs, 0 routes; read 1 file\n");
}

TEST(ValidateCli, InvalidFilePrintsLocatedErrorLineAndCaretOnStderr) {
  TempDir dir;
  const auto file = dir.write("bad.yaml", "gateways:\n  - id: a\n    cache_tll: 3\n");
  const auto r = validate({"-f", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, file + ":3:5: error: unknown key 'cache_tll' (did you mean 'cache_ttl'?)\n"
                          "      cache_tll: 3\n"
                          "      ^\n"
                          "1 error; read 1 file\n");
}

TEST(ValidateCli, JsonOutputCarriesTheSameDiagnostics) {
  TempDir dir;
  const auto file = dir.write("bad.yaml", "prune: maybe\n");
  const auto r = validate({"-f", file, "--output", "json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(
      r.out,
      R"({"diagnostics":[{"column":8,"file":")" + file +
          R"(","line":1,"message":"'prune' must be a boolean (true or false), got the string 'maybe'","severity":"error"}],"error_count":1,"files_read":1,"valid":false})"
          "\n");
}

TEST(ValidateCli, JsonOutputSaysWhetherBillingIsManagedAsTheTextDoes) {
  TempDir dir;
  const auto billed = dir.write("b.yaml", "gateways:\n  - id: a\nbilling:\n  auto_topup: null\n");
  const auto text = validate({"-f", billed});
  EXPECT_EQ(text.out, "OK: 1 gateway, 0 datasets, 0 provider configs, 0 routes, billing managed; "
                      "read 1 file\n");
  const auto json = validate({"-f", billed, "--output", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out, R"({"billing_managed":true,"diagnostics":[],"error_count":0,"files_read":1,)"
                      R"("resources":{"datasets":0,"gateways":1,"provider_configs":0,"routes":0},)"
                      R"("valid":true})"
                      "\n");
  const auto unbilled = dir.write("u.yaml", "gateways:\n  - id: a\n");
  EXPECT_NE(validate({"-f", unbilled, "--output", "json"}).out.find(R"("billing_managed":false)"),
            std::string::npos);
}

TEST(ValidateCli, LiteralSecretLineIsNeverEchoed) {
  TempDir dir;
  const auto file = dir.write("s.yaml", "gateways:\n  - id: a\n    provider_configs:\n"
                                        "      - { provider_slug: openai, alias: m, secret: "
                                        "sk-literal-123456, bogus: 1 }\n");
  const auto r = validate({"-f", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.find("sk-literal-123456"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("sk-literal-123456"), std::string::npos) << r.err;
}

TEST(ValidateCli, InterpolatedSecretNeverAppearsInOutput) {
  TempDir dir;
  const auto file =
      dir.write("s.yaml", "gateways:\n  - id: a\n    provider_configs:\n"
                          "      - { provider_slug: openai, alias: m, "
                          "secret: \"${MY_KEY}\" }\n    otel:\n"
                          "      - { authorization: \"${MY_KEY}\", headers: {}, url: 5 }\n");
  aigw::test::ProcessOptions options;
  options.env["MY_KEY"] = "sk-from-env-98765";
  const auto r = validate({"-f", file, "--output", "json"}, options);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.find("sk-from-env-98765"), std::string::npos) << r.out;
}

TEST(ValidateCli, DefaultsToAigwYamlThenTheCurrentDirectory) {
  TempDir dir;
  dir.write("team.yaml", "gateways:\n  - id: from-dir\n");
  auto options = aigw::test::ProcessOptions{};
  options.cwd = dir.path();
  auto r = validate({}, options);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("OK: 1 gateway,"), std::string::npos);
  dir.write("aigw.yaml", "gateways:\n  - id: x\n  - id: y\n");
  r = validate({}, options);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("OK: 2 gateways"), std::string::npos);
}

TEST(ValidateCli, SeveralFilesAndDirectoriesMerge) {
  TempDir dir;
  const auto a = dir.write("one/a.yaml", "gateways:\n  - id: a\n");
  dir.write("two/b.yml", "gateways:\n  - id: b\n");
  const auto r = validate({"-f", a, "-f", dir.path() + "/two"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("OK: 2 gateways"), std::string::npos);
}

TEST(ValidateCli, EveryExampleDirectoryValidates) {
  const std::map<std::string, std::optional<std::string>> env = {
      {"CLOUDFLARE_ACCOUNT_ID", "acc123"},
      {"OPENAI_API_KEY", "sk-example-openai"},
      {"ANTHROPIC_API_KEY", "sk-example-anthropic"},
      {"SUPPORT_OPENAI_KEY", "sk-example-support"},
      {"SEARCH_OPENAI_KEY", "sk-example-search"}};
  for (const char *example :
       {"basic", "multi-team", "routing", "billing", "custom-providers"}) {
    aigw::test::ProcessOptions options;
    options.env = env;
    const auto r = validate({"-f", aigw::test::source_dir() + "/examples/" + example}, options);
    EXPECT_EQ(r.exit_code, 0) << example << "\n" << r.out << r.err;
  }
}

TEST(ValidateCli, UnknownOutputFormatIsAUsageError) {
  const auto r = validate({"--output", "xml"});
  EXPECT_EQ(r.exit_code, 1);
}

TEST(ValidateCli, DeclaredCustomProvidersAreCounted) {
  aigw::test::ProcessOptions options;
  options.env = {{"CLOUDFLARE_ACCOUNT_ID", "acc123"}};
  const auto text =
      validate({"-f", aigw::test::source_dir() + "/examples/custom-providers"}, options);
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find(", 1 custom provider; read "), std::string::npos) << text.out;
  const auto json = validate(
      {"-f", aigw::test::source_dir() + "/examples/custom-providers", "--output", "json"}, options);
  EXPECT_NE(json.out.find("\"custom_providers\":1"), std::string::npos) << json.out;
  const auto basic = validate({"-f", aigw::test::source_dir() + "/examples/basic"}, options);
  EXPECT_EQ(basic.out.find("custom provider"), std::string::npos) << basic.out; // undeclared
}
