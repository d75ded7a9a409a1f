// Saved plans: a round trip keeps what apply compares and recomputes from (changes,
// fingerprints, sources, options), no credential is written, and versions other than this
// aigw's are refused with what to do.

#include "render/plan_file.h"
#include "sample_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

namespace aigw::render {
namespace {

using testing::HasSubstr;

engine::SavedPlan sample_saved_plan() {
  engine::SavedPlan saved;
  saved.plan = test::sample_plan();
  saved.sources = {{"config/a.yaml", "account_id: acct-1\ngateways: []\n"},
                   {"config/b.yaml", "# secret: ${OPENAI_API_KEY}\n"}};
  saved.options.plan.prune = true;
  saved.options.targets = {"team-*"};
  saved.options.impact.mode = engine::ImpactMode::all;
  saved.options.impact.window = "7d";
  saved.options.max_impact = 40;
  return saved;
}

TEST(PlanFile, NonFiniteNumbersAreWrittenAsNull) {
  auto saved = sample_saved_plan();
  ASSERT_FALSE(saved.plan.changes.empty());
  saved.plan.changes[0].body["cache_ttl"] = model::Value(std::numeric_limits<double>::infinity());
  saved.plan.changes[0].body["retry_delay"] =
      model::Value(std::numeric_limits<double>::quiet_NaN());
  const std::string text = write_plan_file(saved);
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("1e99999"), std::string::npos);
  auto back = read_plan_file(text);
  ASSERT_TRUE(back.ok()) << back.error().message;
}

TEST(PlanFile, RoundTripKeepsWhatApplyComparesAndRecomputesFrom) {
  const auto saved = sample_saved_plan();
  const auto& plan = saved.plan;
  const std::string text = write_plan_file(saved);
  EXPECT_EQ(text.find("sk-render-test-secret"), std::string::npos);
  auto back = read_plan_file(text);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->sources, saved.sources);
  EXPECT_TRUE(back->options.plan.prune);
  EXPECT_FALSE(back->options.plan.force);
  EXPECT_EQ(back->options.targets, saved.options.targets);
  EXPECT_EQ(back->options.impact.mode, engine::ImpactMode::all);
  EXPECT_EQ(back->options.impact.window, "7d");
  EXPECT_EQ(back->options.max_impact, std::optional<std::uint64_t>(40));
  ASSERT_EQ(back->plan.changes.size(), plan.changes.size());
  EXPECT_EQ(back->plan.account_id, "acct-1");
  EXPECT_EQ(back->plan.api_requests, 7u);
  EXPECT_EQ(back->plan.warnings, plan.warnings);
  ASSERT_EQ(back->plan.fingerprints.size(), 2u);
  EXPECT_EQ(back->plan.fingerprints[1].hash, "0123456789abcdef");
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    SCOPED_TRACE(plan.changes[i].address());
    EXPECT_EQ(change_record(plan.changes[i]), change_record(back->plan.changes[i]));
    EXPECT_EQ(plan.changes[i].address(), back->plan.changes[i].address());
  }
  // The secret is never read back: apply takes it from the variable the desired state names.
  EXPECT_EQ(back->plan.changes[2].secret_env, "AIGW_RENDER_TEST_KEY");
  EXPECT_FALSE(back->plan.changes[2].secret.has_value());
}

TEST(PlanFile, NoOptionsMeansNoMaxImpact) {
  auto saved = sample_saved_plan();
  saved.options.max_impact.reset();
  auto back = read_plan_file(write_plan_file(saved));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_FALSE(back->options.max_impact.has_value());
}

TEST(PlanFile, GatewayCredentialsAreMaskedInBodiesAndDiffs) {
  auto saved = sample_saved_plan();
  auto& change = saved.plan.changes[0];
  const model::Object exporter{{"authorization", "Bearer canary-otel-1"},
                               {"headers", model::Object{{"x-key", "canary-header-2"}}},
                               {"url", "https://otel.example.com"}};
  change.body["otel"] = model::Array{exporter};
  change.body["stripe"] = model::Object{{"authorization", "canary-stripe-3"}};
  change.diff.push_back({"otel", std::nullopt, model::Value(model::Array{exporter}), false});
  const std::string text = write_plan_file(saved);
  for (const char* canary : {"canary-otel-1", "canary-header-2", "canary-stripe-3"}) {
    EXPECT_EQ(text.find(canary), std::string::npos) << canary;
  }
  EXPECT_THAT(text, HasSubstr("https://otel.example.com"));
  EXPECT_THAT(text, HasSubstr("(sensitive)"));
}

TEST(PlanFile, UnknownCredentialsAreRecordedByPathAndVariableButNotCompared) {
  auto saved = sample_saved_plan();
  auto& change = saved.plan.changes[0];
  const std::string before = change_record(change);
  change.unknown_credentials = {{R"(otel[0].headers."x-team.name")", {"TEAM"}},
                                {"stripe.authorization", {"STRIPE_A", "STRIPE_B"}}};
  // A plan made without the keys matches the one apply recomputes with them set.
  EXPECT_EQ(change_record(change), before);
  const auto back = read_plan_file(write_plan_file(saved));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->plan.changes[0].unknown_credentials, change.unknown_credentials);
  EXPECT_TRUE(back->plan.changes[1].unknown_credentials.empty());
}

TEST(PlanFile, ARecordTellsChangesApartAndNumbersItCannotHoldCompareEqual) {
  const auto plan = test::sample_plan();
  auto edited = plan.changes[0];
  edited.body["cache_ttl"] = 999;
  EXPECT_NE(change_record(plan.changes[0]), change_record(edited));
  auto kind = plan.changes[0];
  kind.kind = engine::ChangeKind::remove;
  EXPECT_NE(change_record(plan.changes[0]), change_record(kind));
  // 1e400 and 2^53+1 are kept as text by the config layer; the file holds null and 2^53.
  auto exact = plan.changes[0];
  exact.body["unknown_huge"] =
      model::Value::number(std::numeric_limits<double>::infinity(), "1e400");
  exact.body["unknown_big"] = model::Value::number(9007199254740992.0, "9007199254740993");
  engine::SavedPlan saved = sample_saved_plan();
  saved.plan.changes[0] = exact;
  auto back = read_plan_file(write_plan_file(saved));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(change_record(back->plan.changes[0]), change_record(exact));
}

TEST(PlanFile, RejectsWhatIsNotAPlan) {
  EXPECT_FALSE(read_plan_file("not json").ok());
  EXPECT_FALSE(read_plan_file("{\"format\": \"other\"}").ok());
  auto text = write_plan_file(sample_saved_plan());
  const auto at = text.find("\"depends_on\": [\n        0");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 25, "\"depends_on\": [\n        99");
  auto back = read_plan_file(text);
  ASSERT_FALSE(back.ok());
  EXPECT_THAT(back.error().message, HasSubstr("depends_on"));
}

TEST(PlanFile, OlderAndNewerVersionsAreRefusedWithWhatToDo) {
  const auto older = read_plan_file(R"({"format": "aigw-plan", "format_version": 1})");
  ASSERT_FALSE(older.ok());
  EXPECT_THAT(older.error().message,
              HasSubstr("format_version 1 was written by an older aigw; this aigw reads "
                        "version 2 only"));
  EXPECT_THAT(older.error().message, HasSubstr("aigw plan --out FILE"));
  const auto newer = read_plan_file(R"({"format": "aigw-plan", "format_version": 3})");
  ASSERT_FALSE(newer.ok());
  EXPECT_THAT(newer.error().message, HasSubstr("format_version 3 was written by a newer aigw"));
}

TEST(PlanFile, APlanWithoutSourcesIsRefused) {
  auto saved = sample_saved_plan();
  saved.sources.clear();
  const auto back = read_plan_file(write_plan_file(saved));
  ASSERT_FALSE(back.ok());
  EXPECT_THAT(back.error().message, HasSubstr("`sources` is empty"));
}

TEST(PlanFile, HostileFilesAreErrorsNeverCrashes) {
  const std::string text = write_plan_file(sample_saved_plan());
  // Every truncation, and every value swapped for one of another type.
  for (std::size_t n = 0; n < text.size(); n += 3) {
    (void)read_plan_file(text.substr(0, n));
  }
  for (const char* from : {"true", "false", "\"update\"", "\"gateway\"", "0", "[]", "{}"}) {
    for (const char* to : {"null", "-1", "\"x\"", "[1]", "{\"a\": 1}", "1e400"}) {
      std::string edited = text;
      for (auto at = edited.find(from); at != std::string::npos;
           at = edited.find(from, at + std::string(to).size())) {
        edited.replace(at, std::string(from).size(), to);
      }
      const auto back = read_plan_file(edited);
      if (!back) {
        EXPECT_THAT(back.error().message, testing::StartsWith("plan file")) << from << " " << to;
      }
    }
  }
}

TEST(PlanFile, IdentityPartsHoldingSlashesSurviveTheRoundTrip) {
  auto saved = sample_saved_plan();
  saved.plan.changes.push_back(test::sample_change(engine::ChangeKind::cannot_fix,
                                                   model::ResourceKind::provider_config, "gw"));
  saved.plan.changes.back().key = {"a/b", "c\"d"};
  auto back = read_plan_file(write_plan_file(saved));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->plan.changes.back().key, (std::vector<std::string>{"a/b", "c\"d"}));
}

} // namespace
} // namespace aigw::render
