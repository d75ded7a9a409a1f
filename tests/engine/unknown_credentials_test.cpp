// Gateway credentials whose `${VAR}` was unset when the files were read: the plan takes
// live's value where there is one, names the variable apply needs on every request that
// carries one, and apply refuses while it is unset.

#include "engine/planner.h"
#include "engine/plan_fixtures.h"
#include "engine/safety.h"
#include "engine/unknown_credentials.h"

#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

using model::Array;
using model::Object;
using test::live_gateway;
using test::read_everything;

/// otel with one exporter whose authorization is unknown ("" where it would be).
Object otel_fields(double cache_ttl) {
  return {{"cache_ttl", cache_ttl},
          {"otel", Array{Object{{"authorization", ""}, {"url", "https://otel.example/v1"}}}}};
}

model::Desired gateway_with_unknown_token(double cache_ttl) {
  model::Desired d;
  d.account_id = "acct";
  model::Gateway gw{"gw", otel_fields(cache_ttl), {}};
  gw.unresolved.push_back({"otel[0].authorization", {"OTEL_TOKEN"}});
  d.resources.gateways.push_back(std::move(gw));
  return d;
}

model::Resources live_with_token(const std::string& token) {
  model::Resources live;
  live.gateways.push_back(live_gateway(
      "gw", {{"cache_ttl", 300},
             {"otel", Array{Object{{"authorization", token}, {"url", "https://otel.example/v1"}}}}}));
  return live;
}

Plan plan_ok(const model::Desired& desired, const LiveState& live) {
  auto result = build_plan(desired, live, {});
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().to_string());
  return result.ok() ? std::move(result.value()) : Plan{};
}

TEST(UnknownCredentials, LiveValueIsTakenAsUnchangedAndTheWarningNamesTheVariable) {
  const Plan plan =
      plan_ok(gateway_with_unknown_token(300), read_everything(live_with_token("Bearer live-1")));
  EXPECT_TRUE(plan.changes.empty());
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_NE(plan.warnings[0].find("`OTEL_TOKEN` is not set"), std::string::npos) << plan.warnings[0];
  EXPECT_NE(plan.warnings[0].find("gateway gw otel[0].authorization"), std::string::npos);
  EXPECT_FALSE(check_secrets_available(plan).has_value());
  EXPECT_TRUE(required_variables(plan).empty()); // nothing is sent
}

TEST(UnknownCredentials, AHeaderNameWithADotIsQuotedInTheWarningAndStillFound) {
  model::Desired d;
  d.account_id = "acct";
  model::Gateway gw{"gw",
                    {{"otel", Array{Object{{"authorization", "Bearer t"},
                                           {"headers", Object{{"x-team.name", ""}}},
                                           {"url", "https://otel.example/v1"}}}}},
                    {}};
  // The path as the loader names it (model::member_path).
  gw.unresolved.push_back({R"(otel[0].headers."x-team.name")", {"TEAM"}});
  d.resources.gateways.push_back(std::move(gw));
  model::Resources live;
  live.gateways.push_back(live_gateway(
      "gw", {{"otel", Array{Object{{"authorization", "Bearer t"},
                                   {"headers", Object{{"x-team.name", "blue"}}},
                                   {"url", "https://otel.example/v1"}}}}}));
  const Plan plan = plan_ok(d, read_everything(live));
  EXPECT_TRUE(plan.changes.empty()); // live's value was taken: the path was found
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_NE(plan.warnings[0].find(R"(: gateway gw otel[0].headers."x-team.name")"), std::string::npos)
      << plan.warnings[0];
}

TEST(UnknownCredentials, AnUpdateCarriesLiveValueAndNeedsTheVariable) {
  const Plan plan =
      plan_ok(gateway_with_unknown_token(600), read_everything(live_with_token("Bearer live-1")));
  ASSERT_EQ(plan.changes.size(), 1u);
  const Change& update = plan.changes[0];
  EXPECT_EQ(update.kind, ChangeKind::update);
  ASSERT_EQ(update.diff.size(), 1u);
  EXPECT_EQ(update.diff[0].path, "cache_ttl"); // the token shows no change
  EXPECT_EQ(update.unset_env, std::vector<std::string>{"OTEL_TOKEN"});
  const auto variables = required_variables(plan);
  ASSERT_EQ(variables.size(), 1u);
  EXPECT_EQ(variables[0].name, "OTEL_TOKEN");
  EXPECT_FALSE(variables[0].set);
  const auto refused = check_secrets_available(plan);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->details,
            std::vector<std::string>{"gateway gw needs `OTEL_TOKEN` (otel or stripe credentials)"});
}

TEST(UnknownCredentials, ANewGatewayNeedsItOnlyForTheFollowUp) {
  const Plan plan = plan_ok(gateway_with_unknown_token(300), read_everything({}));
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].kind, ChangeKind::create);
  EXPECT_TRUE(plan.changes[0].unset_env.empty()); // create takes no otel
  EXPECT_EQ(plan.changes[1].unset_env, std::vector<std::string>{"OTEL_TOKEN"});
  EXPECT_TRUE(plan.warnings.empty()); // nothing live to compare with
  EXPECT_TRUE(check_secrets_available(plan).has_value());
}

TEST(UnknownCredentials, ANewExporterHasNothingLiveToTake) {
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  const Plan plan = plan_ok(gateway_with_unknown_token(300), read_everything(live));
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].unset_env, std::vector<std::string>{"OTEL_TOKEN"});
  ASSERT_FALSE(plan.changes[0].diff.empty());
  EXPECT_EQ(plan.changes[0].diff[0].path, "otel");
}

TEST(UnknownCredentials, AReorderedExporterTakesItsOwnLiveValue) {
  const auto exporter = [](const char* url, const char* token) {
    return Object{{"authorization", token}, {"headers", Object{}}, {"url", url}};
  };
  model::Desired desired;
  desired.account_id = "acct";
  model::Gateway gw{"gw",
                    {{"cache_ttl", 300},
                     {"otel", Array{exporter("https://b.example", ""), exporter("https://a.example", "")}}},
                    {}};
  gw.unresolved = {{"otel[0].authorization", {"B"}}, {"otel[1].authorization", {"A"}}};
  desired.resources.gateways.push_back(std::move(gw));
  model::Resources live;
  live.gateways.push_back(live_gateway(
      "gw", {{"cache_ttl", 300},
             {"otel", Array{exporter("https://a.example", "Bearer a"),
                            exporter("https://b.example", "Bearer b")}}}));
  const Plan plan = plan_ok(desired, read_everything(live));
  EXPECT_TRUE(plan.changes.empty()) << plan.changes[0].address(); // otel is compared as a set
}

TEST(UnknownCredentials, AKnownCredentialSentIsListedAsNeededAndSet) {
  model::Desired desired;
  desired.account_id = "acct";
  model::Gateway gw{"gw",
                    {{"cache_ttl", 600},
                     {"otel", Array{Object{{"authorization", "Bearer live-1"},
                                           {"url", "https://otel.example/v1"}}}}},
                    {}};
  gw.credentials.push_back({"otel[0].authorization", {"OTEL_TOKEN"}});
  desired.resources.gateways.push_back(std::move(gw));
  const Plan plan = plan_ok(desired, read_everything(live_with_token("Bearer live-1")));
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].credential_env, std::vector<std::string>{"OTEL_TOKEN"});
  const auto variables = required_variables(plan);
  ASSERT_EQ(variables.size(), 1u); // the apply job must have it too, though it is set here
  EXPECT_EQ(variables[0].name, "OTEL_TOKEN");
  EXPECT_TRUE(variables[0].set);
  EXPECT_FALSE(check_secrets_available(plan).has_value());
}

TEST(UnknownCredentials, FillTakesHeaderValuesWhoseNamesHoldDots) {
  model::Gateway want{"gw",
                      {{"otel", Array{Object{{"headers", Object{{"x.api-key", ""}}}}}}},
                      {}};
  want.unresolved.push_back({"otel[0].headers.x.api-key", {"K2", "K1"}});
  const model::Gateway live = live_gateway(
      "gw", {{"otel", Array{Object{{"headers", Object{{"x.api-key", "live-key"}}}}}}});
  const auto filled = fill_unknown_credentials(want, &live);
  EXPECT_EQ(filled.fields.at("otel").as_array()[0].as_object().at("headers").as_object().at(
                "x.api-key"),
            model::Value("live-key"));
  EXPECT_EQ(filled.variables, (std::vector<std::string>{"K1", "K2"}));
  ASSERT_EQ(filled.not_compared.size(), 1u);
}

TEST(UnknownCredentials, WarningsNameAFewPlacesThenCount) {
  std::vector<std::string> places;
  for (int i = 0; i < 7; ++i) {
    places.push_back("gateway g" + std::to_string(i) + " stripe.authorization");
  }
  const auto lines = not_compared_warnings({{"STRIPE", places}});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("gateway g4 stripe.authorization and 2 more"), std::string::npos)
      << lines[0];
  EXPECT_EQ(lines[0].find("g5"), std::string::npos);
}

} // namespace
} // namespace aigw::engine
