// Loader behaviour beyond the corpus: what lands in model::Desired, interpolation,
// secrets, merging and duplicates across files, directories, and speed.

#include "config/loader.h"
#include "support/process.h"
#include "util/secret.h"
#include "util/concat.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>

using aigw::config::load_desired;
using aigw::config::LoadOptions;
using aigw::test::TempDir;

namespace {

/// start -> model -> end, as a route's element list (indented for `elements:`).
const std::string k_three_elements =
    "          - { id: s, type: start, outputs: { next: { elementId: m } } }\n"
    "          - { id: m, type: model, properties: { provider: openai, model: x },"
    " outputs: { success: { elementId: e }, fallback: { elementId: e } } }\n"
    "          - { id: e, type: end, outputs: {} }\n";

LoadOptions env(std::map<std::string, std::string> vars) {
  return {.getenv = [vars](const std::string &name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  }};
}

std::vector<std::string> messages(const aigw::config::LoadResult &result) {
  std::vector<std::string> out;
  for (const auto &d : result.diagnostics) {
    out.push_back(d.to_string());
  }
  return out;
}

} // namespace

TEST(Loader, FillsDesiredWithFieldsOriginsAndChildren) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "prune: true\n"
                                        "scope: [team-*]\n"
                                        "gateways:\n"
                                        "  - id: team-a\n"
                                        "    cache_ttl: 300\n"
                                        "    datasets:\n"
                                        "      - name: d1\n"
                                        "        enable: false\n"
                                        "    provider_configs:\n"
                                        "      - provider_slug: openai\n"
                                        "        alias: main\n"
                                        "        secret: ${KEY}\n"
                                        "billing:\n"
                                        "  spending_limit: null\n");
  const auto result = load_desired({file}, env({{"KEY", "sk-very-secret-1"}}));
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(messages(result));
  const auto &d = result.desired;
  EXPECT_TRUE(d.prune);
  EXPECT_EQ(d.scope, std::vector<std::string>{"team-*"});
  EXPECT_TRUE(d.billing_declared);
  EXPECT_TRUE(d.spending_limit_absent);
  EXPECT_FALSE(d.auto_topup_absent);
  ASSERT_EQ(d.resources.gateways.size(), 1U);
  const auto &g = d.resources.gateways[0];
  EXPECT_EQ(g.id, "team-a");
  EXPECT_EQ(g.fields.size(), 1U); // exactly the declared keys: omitted = unmanaged
  EXPECT_EQ(g.fields.at("cache_ttl"), aigw::model::Value(300.0));
  EXPECT_EQ(g.origin.to_string(), file + ":4:5");
  ASSERT_EQ(d.resources.datasets.size(), 1U);
  EXPECT_EQ(d.resources.datasets[0].gateway_id, "team-a");
  EXPECT_EQ(d.resources.datasets[0].fields.at("enable"), aigw::model::Value(false));
  EXPECT_EQ(d.resources.datasets[0].origin.to_string(), file + ":7:9");
  ASSERT_EQ(d.resources.provider_configs.size(), 1U);
  const auto &pc = d.resources.provider_configs[0];
  ASSERT_TRUE(pc.secret.has_value());
  EXPECT_EQ(pc.secret->reveal(), "sk-very-secret-1");
  EXPECT_EQ(pc.secret_env, "KEY");
  EXPECT_EQ(pc.fields.count("secret"), 0U);
}

TEST(Loader, AccountIdFallsBackToEnvironment) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways: []\n");
  EXPECT_EQ(load_desired({file}, env({{"CLOUDFLARE_ACCOUNT_ID", "from-env"}})).desired.account_id,
            "from-env");
  const auto none = load_desired({file}, env({}));
  EXPECT_TRUE(none.ok());
  EXPECT_EQ(none.desired.account_id, "");
  const auto yaml = dir.write("b.yaml", "account_id: from-yaml\n");
  EXPECT_EQ(load_desired({yaml}, env({{"CLOUDFLARE_ACCOUNT_ID", "x"}})).desired.account_id,
            "from-yaml");
}

TEST(Loader, InterpolatesAndKeepsEscapedDollarBraceLiteral) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: ${A}-${B}\n    store_id: \"$${A}x\"\n");
  const auto result = load_desired({file}, env({{"A", "one"}, {"B", "two"}}));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.desired.resources.gateways[0].id, "one-two");
  EXPECT_EQ(result.desired.resources.gateways[0].fields.at("store_id").as_string(), "${A}x");
}

TEST(Loader, EveryUnsetVariableIsNamedWithItsPlace) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: ${GW}\n    store_id: ${STORE}\n");
  const auto result = load_desired({file}, env({}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                file + ":2:9: error: environment variable 'GW' is not set (in 'id')",
                file + ":3:15: error: environment variable 'STORE' is not set (in 'store_id')"}));
}

TEST(Loader, AUrlFromAVariableIsCheckedOnceFilledInAndNamedByItsReference) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: g\n    otel:\n"
                                        "      - { authorization: \"${TOKEN}\", headers: {}, "
                                        "url: \"${OTEL_URL}/v1/traces\" }\n"
                                        "custom_providers:\n"
                                        "  - { slug: acme, name: Acme, base_url: \"${BASE}\" }\n");
  const auto good = load_desired(
      {file}, env({{"TOKEN", "t"}, {"OTEL_URL", "https://otel.example"}, {"BASE", "http://[::1]:9/x"}}));
  EXPECT_TRUE(good.ok()) << (good.diagnostics.empty() ? "" : good.diagnostics[0].to_string());
  const auto bad = load_desired(
      {file}, env({{"TOKEN", "t"}, {"OTEL_URL", "otel.internal:4318"}, {"BASE", "ftp://x.example"}}));
  EXPECT_EQ(messages(bad),
            (std::vector<std::string>{
                file + ":4:56: error: 'otel[0].url' must be an absolute http(s) URL "
                       "(https://HOST/PATH); the value of '${OTEL_URL}/v1/traces' has no scheme "
                       "(http:// or https://)",
                file + ":6:41: error: 'base_url' must be an absolute http(s) URL (https://HOST/PATH); "
                       "the value of '${BASE}' has the scheme 'ftp', not http or https"}));
  // A URL is not a credential: an unset variable is an error, not an unknown to fill later.
  const auto unset = load_desired({file}, env({{"TOKEN", "t"}, {"OTEL_URL", "https://o.example"}}));
  EXPECT_EQ(messages(unset),
            (std::vector<std::string>{file + ":6:41: error: environment variable 'BASE' is not set "
                                             "(in 'base_url')"}));
}

TEST(Loader, AnUnsetHeaderVariableIsRecordedAtAPathThatQuotesADottedHeaderName) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: g\n    otel:\n"
                                        "      - authorization: \"${TOKEN}\"\n"
                                        "        headers: { x-team.name: \"${TEAM}\" }\n"
                                        "        url: https://otel.example\n");
  const auto result = load_desired({file}, env({{"TOKEN", "t"}}));
  ASSERT_TRUE(result.ok()) << messages(result)[0];
  const auto &unresolved = result.desired.resources.gateways.at(0).unresolved;
  ASSERT_EQ(unresolved.size(), 1U);
  EXPECT_EQ(unresolved[0].path, R"(otel[0].headers."x-team.name")");
  EXPECT_EQ(unresolved[0].variables, std::vector<std::string>{"TEAM"});
}

TEST(Loader, LiteralSecretIsRefusedAndNeverEchoed) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: g\n    provider_configs:\n"
                                        "      - { provider_slug: openai, alias: a, "
                                        "secret: sk-literal-abcdef }\n");
  const auto result = load_desired({file}, env({}));
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_NE(result.diagnostics[0].message.find("must come from the environment"),
            std::string::npos);
  EXPECT_EQ(result.diagnostics[0].message.find("sk-literal"), std::string::npos);
}

TEST(Loader, SecretValueIsRegisteredWithTheRedactor) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: g\n    provider_configs:\n"
                                        "      - { provider_slug: openai, alias: a, "
                                        "secret: \"${K}\" }\n");
  const auto result = load_desired({file}, env({{"K", "redact-me-please-42"}}));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(aigw::Redactor::global().redact("x redact-me-please-42 y"), "x (sensitive) y");
}

TEST(Loader, MergesFilesOfADirectoryInSortedOrder) {
  TempDir dir;
  dir.write("conf/b.yml", "gateways:\n  - id: gw-b\n");
  dir.write("conf/a.yaml", "prune: true\ngateways:\n  - id: gw-a\n");
  dir.write("conf/notes.txt", "not yaml");
  const auto result = load_desired({dir.path() + "/conf"}, env({}));
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(messages(result));
  ASSERT_EQ(result.desired.resources.gateways.size(), 2U);
  EXPECT_EQ(result.desired.resources.gateways[0].id, "gw-a");
  EXPECT_EQ(result.desired.resources.gateways[1].id, "gw-b");
  EXPECT_TRUE(result.desired.prune);
}

TEST(Loader, ResourceDeclaredInTwoFilesNamesBothPlaces) {
  TempDir dir;
  const auto a = dir.write("a.yaml", "gateways:\n  - id: shared\n");
  const auto b = dir.write("b.yaml", "\ngateways:\n  - id: shared\n    routes: []\n");
  const auto result = load_desired({a, b}, env({}));
  EXPECT_EQ(messages(result),
            std::vector<std::string>{
                b + ":3:5: error: gateway 'shared' is declared twice (first at " + a + ":2:5)"});
}

TEST(Loader, GatewayOutsideScopeSetInAnotherFileIsLocatedBeforeAnyRequest) {
  TempDir dir;
  const auto a = dir.write("a.yaml", "scope: [search-*, 'team-?']\n");
  const auto b = dir.write("b.yaml", "gateways:\n  - id: search-a\n  - id: team-b\n"
                                     "  - id: ${GW}\n    cache_ttl: nope\n");
  const auto result = load_desired({a, b}, env({{"GW", "adopt-a"}}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                b + ":4:9: error: gateway 'adopt-a' is outside scope [search-*, team-?] (set at " +
                    a + ":1:8): this repository does not manage it; add a glob that matches it "
                        "to 'scope', or remove the gateway",
                b + ":5:16: error: 'cache_ttl' must be a number, got the string 'nope'"}));
}

TEST(Loader, ScopeWithAnInvalidGlobIsNotMatchedAgainst) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "scope: [team-*, 7]\ngateways:\n  - id: other\n");
  const auto result = load_desired({file}, env({}));
  ASSERT_EQ(messages(result).size(), 1U) << ::testing::PrintToString(messages(result));
  EXPECT_NE(messages(result)[0].find("scope[1]"), std::string::npos);
}

TEST(Loader, RouteNameTwiceIsReportedWhateverElseIsWrongWithEitherCopy) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: g\n    routes:\n"
                                        "      - { name: r, elements: [], protect: maybe }\n"
                                        "      - { name: r, elements: [] }\n");
  const auto all = messages(load_desired({file}, env({})));
  EXPECT_NE(std::find(all.begin(), all.end(),
                      file + ":5:9: error: route 'r' of gateway 'g' is declared twice (first at "
                             "line 4)"),
            all.end())
      << ::testing::PrintToString(all);
}

TEST(Loader, DatasetAndGatewayTwiceAreReportedWhateverElseIsWrong) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n"
                                        "  - { id: g, protect: maybe, datasets: [{ name: d, "
                                        "protect: 1 }, { name: d }] }\n"
                                        "  - { id: g }\n");
  const auto all = messages(load_desired({file}, env({})));
  const auto has = [&all](const std::string &text) {
    return std::any_of(all.begin(), all.end(),
                       [&text](const std::string &m) { return m.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("dataset 'd' of gateway 'g' is declared twice")) << ::testing::PrintToString(all);
  EXPECT_TRUE(has("gateway 'g' is declared twice")) << ::testing::PrintToString(all);
}

TEST(Loader, TopLevelSettingInTwoFilesIsAnError) {
  TempDir dir;
  const auto a = dir.write("a.yaml", "prune: true\n");
  const auto b = dir.write("b.yaml", "prune: false\n");
  const auto result = load_desired({a, b}, env({}));
  EXPECT_EQ(messages(result), std::vector<std::string>{b +
                                                       ":1:1: error: 'prune' is declared "
                                                       "twice (first at " +
                                                       a + ":1:1)"});
}

TEST(Loader, SameFileGivenTwiceIsReadOnce) {
  TempDir dir;
  const auto a = dir.write("a.yaml", "gateways:\n  - id: once\n");
  EXPECT_TRUE(load_desired({a, dir.path()}, env({})).ok());
}

TEST(Loader, MissingPathAndEmptyDirectoryAreReported) {
  TempDir dir;
  dir.write("empty/readme.txt", "x");
  const auto result = load_desired({dir.path() + "/nope.yaml", dir.path() + "/empty"}, env({}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                dir.path() + "/empty:1:1: error: no *.yaml or *.yml files in this directory",
                dir.path() + "/nope.yaml:1:1: error: no such file or directory"}));
}

TEST(Loader, AllErrorsOfSeveralFilesAreReportedSorted) {
  TempDir dir;
  const auto b = dir.write("b.yaml", "gateways:\n  - id: g2\n    cache_tll: 1\n");
  const auto a = dir.write("a.yaml", "gateways:\n  - id: g1\n    retry_delay: -1\n    zdr: 1\n");
  const auto result = load_desired({b, a}, env({}));
  ASSERT_EQ(result.diagnostics.size(), 3U);
  EXPECT_EQ(result.diagnostics[0].file, a);
  EXPECT_EQ(result.diagnostics[0].line, 3);
  EXPECT_EQ(result.diagnostics[1].line, 4);
  EXPECT_EQ(result.diagnostics[2].file, b);
}

TEST(Loader, RouteElementsBecomeModelElements) {
  TempDir dir;
  const auto file =
      dir.write("a.yaml", std::string("gateways:\n  - id: g\n    routes:\n      - name: r\n"
                                      "        elements:\n") +
                              k_three_elements);
  const auto result = load_desired({file}, env({}));
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(messages(result));
  const auto &route = result.desired.resources.routes.at(0);
  EXPECT_EQ(route.gateway_id, "g");
  ASSERT_EQ(route.elements.size(), 3U);
  EXPECT_EQ(route.elements[1].type, "model");
  EXPECT_EQ(route.elements[1].properties.at("model").as_string(), "x");
  EXPECT_EQ(route.elements[0].outputs.at("next").to_json(), R"({"elementId":"m"})");
}

TEST(Loader, AliasExpansionBombIsBoundedAndReported) {
  TempDir dir;
  std::string text = "x0: &a0 [1,1,1,1,1,1,1,1,1,1]\n";
  for (int i = 1; i <= 8; ++i) {
    const auto p = aigw::concat("*a", std::to_string(i - 1));
    text += aigw::concat("x", std::to_string(i), ": &a", std::to_string(i), " [", p, ",", p, ",", p,
                   ",", p, ",", p, ",", p, ",", p, ",", p, ",", p, ",", p, "]\n");
  }
  text += "gateways:\n  - id: g\n    routes:\n      - name: r\n        elements:\n"
          "          - { id: s, type: start, outputs: { next: { elementId: c } } }\n"
          "          - { id: c, type: conditional, properties: { conditions: *a8 },"
          " outputs: { 'true': { elementId: e }, 'false': { elementId: e } } }\n"
          "          - { id: e, type: end, outputs: {} }\n";
  const auto file = dir.write("bomb.yaml", text);
  const auto start = std::chrono::steady_clock::now();
  const auto result = load_desired({file}, env({}));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_FALSE(result.ok());
  bool too_large = false;
  for (const auto &d : result.diagnostics) {
    too_large = too_large || d.message.find("document too large") != std::string::npos;
  }
  EXPECT_TRUE(too_large) << ::testing::PrintToString(messages(result));
}

TEST(Loader, LoadsALargeAccountWellUnderASecond) {
  TempDir dir;
  std::string text = "gateways:\n";
  for (int g = 0; g < 120; ++g) {
    text += "  - id: gw-" + std::to_string(g) +
            "\n    cache_ttl: 60\n    collect_logs: true\n"
            "    datasets:\n";
    for (int d = 0; d < 3; ++d) {
      text += "      - { name: d" + std::to_string(d) +
              ", enable: true, filters: [ { key: cost, operator: gt, value: [1] } ] }\n";
    }
    text += "    provider_configs:\n";
    for (int p = 0; p < 2; ++p) {
      text += "      - { provider_slug: openai, alias: a" + std::to_string(p) +
              ", secret: \"${KEY}\" }\n";
    }
    text += "    routes:\n";
    for (int r = 0; r < 2; ++r) {
      text += "      - name: r" + std::to_string(r) + "\n        elements:\n" + k_three_elements;
    }
  }
  const auto file = dir.write("big.yaml", text);
  const auto start = std::chrono::steady_clock::now();
  const auto result = load_desired({file}, env({{"KEY", "sk-bulk-key-0001"}}));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(messages(result));
  EXPECT_EQ(result.desired.resources.gateways.size(), 120U);
  EXPECT_EQ(result.desired.resources.routes.size(), 240U);
  EXPECT_LT(elapsed, std::chrono::milliseconds(1000));
}

TEST(Loader, HugeFileIsRefusedWithAClearError) {
  TempDir dir;
  const auto file = dir.write("huge.yaml", std::string(aigw::config::k_max_file_bytes + 1, '#'));
  const auto result = load_desired({file}, env({}));
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].message,
            "cannot read the file: larger than the limit of 16 MiB (16777217 bytes)");
}

TEST(Loader, ADeviceIsRefusedWithoutReadingIt) {
  const auto result = load_desired({"/dev/zero"}, env({}));
  ASSERT_EQ(result.diagnostics.size(), 1U);
  EXPECT_EQ(result.diagnostics[0].to_string(),
            "/dev/zero:1:1: error: not a regular file or directory");
}

TEST(Loader, DefaultPathsPreferAigwYaml) {
  TempDir dir;
  EXPECT_EQ(aigw::config::default_paths(dir.path()), std::vector<std::string>{dir.path()});
  dir.write("aigw.yaml", "");
  EXPECT_EQ(aigw::config::default_paths(dir.path()),
            std::vector<std::string>{dir.path() + "/aigw.yaml"});
}

TEST(Loader, SourceLineReturnsTheLineOfTheLoadedText) {
  const std::vector<aigw::config::SourceFile> sources = {{"a.yaml", "one\ntwo\r\nthree"},
                                                         {"b.yaml", "bee\n"}};
  EXPECT_EQ(aigw::config::source_line(sources, "a.yaml", 1), "one");
  EXPECT_EQ(aigw::config::source_line(sources, "a.yaml", 2), "two");
  EXPECT_EQ(aigw::config::source_line(sources, "a.yaml", 3), "three");
  EXPECT_EQ(aigw::config::source_line(sources, "a.yaml", 4), "");
  EXPECT_EQ(aigw::config::source_line(sources, "a.yaml", 0), "");
  EXPECT_EQ(aigw::config::source_line(sources, "b.yaml", 1), "bee");
  EXPECT_EQ(aigw::config::source_line(sources, "b.yaml", 2), "");
  EXPECT_EQ(aigw::config::source_line(sources, "c.yaml", 1), "");
}

TEST(Loader, SourceLineNeverReadsTheFileOnDisk) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "on disk\n");
  EXPECT_EQ(aigw::config::source_line({{file, "as loaded\n"}}, file, 1), "as loaded");
  EXPECT_EQ(aigw::config::source_line({}, file, 1), "");
}

TEST(Loader, DirectoriesAreReadRecursivelySortedSkippingDotEntries) {
  TempDir dir;
  dir.write("repo/teams/b/gw.yml", "gateways:\n  - id: gw-b\n");
  dir.write("repo/teams/a/gw.yaml", "gateways:\n  - id: gw-a\n");
  dir.write("repo/00-account.yaml", "account_id: acct\n");
  dir.write("repo/.pre-commit-config.yaml", "repos: []\n");
  dir.write("repo/.github/workflows/ci.yaml", "on: push\n");
  const auto result = load_desired({dir.path() + "/repo"}, env({}));
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(messages(result));
  EXPECT_EQ(result.files, (std::vector<std::string>{dir.path() + "/repo/00-account.yaml",
                                                    dir.path() + "/repo/teams/a/gw.yaml",
                                                    dir.path() + "/repo/teams/b/gw.yml"}));
  ASSERT_EQ(result.desired.resources.gateways.size(), 2U);
  EXPECT_EQ(result.desired.resources.gateways[0].id, "gw-a");
  EXPECT_EQ(result.desired.account_id, "acct");
}

TEST(Loader, SameAccountIdInSeveralFilesIsFineDifferentOnesAreNot) {
  TempDir dir;
  const auto a = dir.write("a.yaml", "account_id: acct\n");
  const auto b = dir.write("b.yaml", "account_id: acct\ngateways:\n  - id: g\n");
  EXPECT_TRUE(load_desired({a, b}, env({})).ok());
  const auto c = dir.write("c.yaml", "account_id: other\n");
  EXPECT_EQ(messages(load_desired({a, c}, env({}))),
            std::vector<std::string>{c + ":1:1: error: 'account_id' differs from the one at " + a +
                                     ":1:1 (one configuration manages one account)"});
}

TEST(Loader, EmptyScopeIsAnErrorSayingWhatToWrite) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "scope: []\n");
  EXPECT_EQ(messages(load_desired({file}, env({}))),
            std::vector<std::string>{
                file + ":1:8: error: 'scope' is empty, which would match no gateway: list gateway "
                       "id globs (e.g. [team-*]), or remove 'scope' to manage every gateway"});
}

TEST(Loader, TwoDefaultConfigsForOneProviderAreALocatedError) {
  TempDir dir;
  const auto file =
      dir.write("a.yaml", "gateways:\n  - id: g\n    provider_configs:\n"
                          "      - { provider_slug: openai, alias: a, default_config: true, secret_id: s1 }\n"
                          "      - { provider_slug: openai, alias: b, default_config: false, secret_id: s2 }\n"
                          "      - { provider_slug: openai, alias: c, default_config: true, secret_id: s3 }\n"
                          "  - id: h\n    provider_configs:\n"
                          "      - { provider_slug: openai, alias: a, default_config: true, secret_id: s1 }\n");
  EXPECT_EQ(messages(load_desired({file}, env({}))),
            std::vector<std::string>{
                file + ":6:9: error: provider config 'openai/c' of gateway 'g' sets "
                       "'default_config: true', but so does the config at line 4; a gateway has "
                       "one default config per provider_slug"});
}

TEST(Loader, GatewayIdsMustFitInAUrlPathSegment) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: team/a\n  - id: ok-1_x.y~z\n"
                                        "  - id: \"..\"\n  - id: \"a b\"\n");
  EXPECT_EQ(messages(load_desired({file}, env({}))),
            (std::vector<std::string>{
                file + ":2:9: error: gateway id contains '/', which a URL path segment cannot "
                       "carry as is: use letters, digits, '-', '_', '.' and '~'",
                file + ":4:9: error: gateway id is a path step, which a URL path segment cannot "
                       "carry as is: use letters, digits, '-', '_', '.' and '~'",
                file + ":5:9: error: gateway id contains ' ', which a URL path segment cannot "
                       "carry as is: use letters, digits, '-', '_', '.' and '~'"}));
}

TEST(Loader, UnsetSecretVariableIsDeferredToApply) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: g\n    provider_configs:\n"
                                        "      - { provider_slug: openai, alias: a, "
                                        "secret: \"${UNSET_KEY}\" }\n"
                                        "      - { provider_slug: openai, alias: b, "
                                        "secret: \"${EMPTY_KEY}\" }\n");
  const auto result = load_desired({file}, env({{"EMPTY_KEY", ""}}));
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(messages(result));
  const auto &configs = result.desired.resources.provider_configs;
  ASSERT_EQ(configs.size(), 2U);
  EXPECT_FALSE(configs[0].secret.has_value());
  EXPECT_EQ(configs[0].secret_env, "UNSET_KEY");
  EXPECT_FALSE(configs[1].secret.has_value());
}

TEST(Loader, ProtectAndRenamedFromAreReadAndChecked) {
  TempDir dir;
  const auto file = dir.write(
      "a.yaml", "gateways:\n  - id: g\n    protect: true\n    datasets:\n"
                "      - { name: new, renamed_from: old, protect: true }\n"
                "      - { name: same, renamed_from: same }\n"
                "    routes:\n      - name: chat-v2\n        renamed_from: chat\n        elements:\n" +
                    k_three_elements);
  const auto result = load_desired({file}, env({}));
  EXPECT_EQ(messages(result),
            std::vector<std::string>{file + ":6:37: error: 'renamed_from' names the same name as "
                                            "'name' ('same'); remove it, or give the old name"});
  const auto &r = result.desired.resources;
  ASSERT_EQ(r.gateways.size(), 1U);
  EXPECT_TRUE(r.gateways[0].protect);
  ASSERT_EQ(r.datasets.size(), 1U);
  EXPECT_TRUE(r.datasets[0].protect);
  EXPECT_EQ(r.datasets[0].renamed_from, "old");
  ASSERT_EQ(r.routes.size(), 1U);
  EXPECT_EQ(r.routes[0].renamed_from, "chat");
  EXPECT_FALSE(r.routes[0].protect);
}

TEST(Loader, RenamedFromMayNotNameADeclaredObjectOrBeShared) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: g\n    datasets:\n"
                                        "      - { name: a }\n"
                                        "      - { name: b, renamed_from: a }\n"
                                        "      - { name: c, renamed_from: x }\n"
                                        "      - { name: d, renamed_from: x }\n");
  EXPECT_EQ(messages(load_desired({file}, env({}))),
            (std::vector<std::string>{
                file + ":5:9: error: dataset 'b' of gateway 'g': 'renamed_from: a' names a dataset "
                       "that is itself declared",
                file + ":7:9: error: dataset 'd' of gateway 'g': 'renamed_from: x' names a dataset "
                       "that is already the old name of another dataset"}));
}

TEST(Loader, UnsetCredentialVariableIsUnknownNotAnError) {
  TempDir dir;
  const auto file = dir.write(
      "a.yaml", "gateways:\n  - id: g\n    otel:\n      - url: https://otel.example/v1\n"
                "        authorization: Bearer ${OTEL_TOKEN}\n"
                "        headers: { x.api-key: \"${OTEL_KEY}\", x-team: support }\n"
                "    stripe:\n      authorization: ${STRIPE_KEY}\n"
                "      usage_events: [{ payload: '{}' }]\n");
  const auto result = load_desired({file}, env({{"STRIPE_KEY", "sk-stripe-known-1"}}));
  ASSERT_TRUE(result.ok()) << (result.diagnostics.empty() ? "" : result.diagnostics[0].to_string());
  const auto &gateway = result.desired.resources.gateways.at(0);
  ASSERT_EQ(gateway.unresolved.size(), 2u);
  EXPECT_EQ(gateway.unresolved[0].path, "otel[0].authorization");
  EXPECT_EQ(gateway.unresolved[0].variables, std::vector<std::string>{"OTEL_TOKEN"});
  EXPECT_EQ(gateway.unresolved[1].path, R"(otel[0].headers."x.api-key")");
  const auto &exporter = gateway.fields.at("otel").as_array()[0].as_object();
  EXPECT_EQ(exporter.at("authorization").as_string(), "");
  EXPECT_EQ(exporter.at("headers").as_object().at("x-team").as_string(), "support");
  EXPECT_EQ(gateway.fields.at("stripe").as_object().at("authorization").as_string(),
            "sk-stripe-known-1");
  ASSERT_EQ(gateway.credentials.size(), 3u); // every credential's variables, set or not
  EXPECT_EQ(gateway.credentials[2].path, "stripe.authorization");
  EXPECT_EQ(gateway.credentials[2].variables, std::vector<std::string>{"STRIPE_KEY"});
}

TEST(Loader, UnsetVariableOutsideACredentialAndABadReferenceInOneAreStillErrors) {
  TempDir dir;
  const auto file = dir.write(
      "a.yaml", "gateways:\n  - id: g\n    otel:\n      - url: ${OTEL_URL}\n"
                "        headers: {}\n        authorization: Bearer ${1BAD} ${T}\n");
  const auto result = load_desired({file}, env({}));
  const auto found = messages(result);
  ASSERT_EQ(found.size(), 3u) << testing::PrintToString(found);
  EXPECT_NE(found[0].find("environment variable 'OTEL_URL' is not set"), std::string::npos);
  EXPECT_NE(found[1].find("invalid variable name '1BAD'"), std::string::npos);
  EXPECT_NE(found[2].find("environment variable 'T' is not set (in 'otel[0].authorization')"),
            std::string::npos); // a credential with a bad reference is not merely unknown
}

TEST(Loader, AnExporterWithoutHeadersIsOneLocatedError) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: g\n    otel:\n"
                                        "      - url: https://otel.example/v1\n"
                                        "        authorization: Bearer ${T}\n");
  EXPECT_EQ(messages(load_desired({file}, env({{"T", "token"}}))),
            std::vector<std::string>{file + ":4:9: error: missing required key 'headers' in 'otel[0]'"});
}

TEST(Loader, AnEmptyCredentialVariableIsUnsetNotABlankCredential) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: g\n    stripe:\n"
                                        "      authorization: Bearer ${STRIPE_KEY}\n"
                                        "      usage_events: [{ payload: '{}' }]\n"
                                        "    store_id: \"x${EMPTY}\"\n");
  const auto result = load_desired({file}, env({{"STRIPE_KEY", ""}, {"EMPTY", ""}}));
  ASSERT_TRUE(result.ok()) << (result.diagnostics.empty() ? "" : result.diagnostics[0].to_string());
  const auto &gateway = result.desired.resources.gateways.at(0);
  ASSERT_EQ(gateway.unresolved.size(), 1u);
  EXPECT_EQ(gateway.unresolved[0].path, "stripe.authorization");
  EXPECT_EQ(gateway.fields.at("store_id").as_string(), "x"); // elsewhere empty is a value
}

TEST(Loader, AHeaderValueFromTheLoadersEnvironmentIsRegisteredWithTheRedactor) {
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n  - id: g\n    otel:\n"
                                        "      - url: https://otel.example/v1\n"
                                        "        authorization: Bearer ${T}\n"
                                        "        headers: { x-key: \"${HDR_FROM_LOADER_ENV}\" }\n");
  const auto result = load_desired(
      {file}, env({{"T", "token-value-0123456789"}, {"HDR_FROM_LOADER_ENV", "hdrsec99"}}));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(aigw::Redactor::global().redact("x hdrsec99 y"), "x (sensitive) y");
}

TEST(Loader, ANameWithAControlCharacterIsRefusedWhereItIsWritten) {
  // Names are identities printed in every plan: a line break in one would forge plan
  // lines, and the API accepts such a dataset that aigw could then not show safely.
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n"
                                        "  - id: gw\n"
                                        "    datasets:\n"
                                        "      - name: \"multi\\nline\"\n"
                                        "        enable: true\n"
                                        "    provider_configs:\n"
                                        "      - { provider_slug: openai, alias: \"a\\tb\" }\n");
  const auto result = load_desired({file}, env({}));
  const auto all = messages(result);
  const auto mentions = [&](const std::string &text) {
    return std::any_of(all.begin(), all.end(),
                       [&](const std::string &m) { return m.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(mentions(file + ":4:15: error: name contains a control character (\\x0a)"))
      << ::testing::PrintToString(all);
  EXPECT_TRUE(mentions(file + ":7:41: error: alias contains a control character (\\x09)"))
      << ::testing::PrintToString(all);
}

/// `levels` block mappings, each a key one space deeper than its parent's, then a scalar.
std::string block_nesting(int levels) {
  std::string text;
  for (int i = 0; i < levels; ++i) {
    text += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  }
  return text + std::string(static_cast<std::size_t>(levels), ' ') + "v\n";
}

TEST(Loader, BlockNestingPastTheParsersLimitSaysItIsNestedTooDeepAndWhere) {
  TempDir dir;
  const auto file = dir.write("db.yaml", block_nesting(600));
  const auto all = messages(load_desired({file}, env({})));
  EXPECT_EQ(all, std::vector<std::string>{file + ":499:501: error: invalid YAML: nested too deep "
                                                 "(the parser stops at 500 levels of block and "
                                                 "flow nesting together)"});
  const auto shallow = messages(load_desired({dir.write("ok.yaml", block_nesting(450))}, env({})));
  ASSERT_EQ(shallow.size(), 1U);
  EXPECT_NE(shallow[0].find("unknown key 'k'"), std::string::npos) << shallow[0];
}

TEST(Loader, ANameThatReadsLikeAnEscapedLiveNameIsRefusedButMayBeRenamedFrom) {
  // `multi\x0aline` is how aigw shows a live name with a line break: declared, it would match
  // that object and send the escaped text back as its name.
  TempDir dir;
  const auto file = dir.write("a.yaml", "gateways:\n"
                                        "  - id: gw\n"
                                        "    datasets:\n"
                                        "      - name: 'multi\\x0aline'\n"
                                        "        enable: true\n"
                                        "      - name: multiline\n"
                                        "        renamed_from: 'multi\\x0aline'\n");
  const auto result = load_desired({file}, env({}));
  EXPECT_EQ(messages(result),
            std::vector<std::string>{file + ":4:15: error: name contains an escape sequence such "
                                            "as \\x0a: that is how aigw shows a control "
                                            "character in a live name, and a declared name "
                                            "cannot hold one"});
}
