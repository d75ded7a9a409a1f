// Saved plans: a round trip keeps every field apply needs, and no secret is written.

#include "render/plan_file.h"
#include "sample_plan.h"

#include <gtest/gtest.h>

#include <limits>

namespace aigw::render {
namespace {

std::optional<std::string> env_with_key(const std::string& name) {
  if (name == "AIGW_RENDER_TEST_KEY") {
    return std::string("sk-from-env-again");
  }
  return std::nullopt;
}

TEST(PlanFile, NonFiniteNumbersAreWrittenAsNull) {
  auto plan = test::sample_plan();
  ASSERT_FALSE(plan.changes.empty());
  plan.changes[0].body["cache_ttl"] = model::Value(std::numeric_limits<double>::infinity());
  plan.changes[0].body["retry_delay"] = model::Value(std::numeric_limits<double>::quiet_NaN());
  const std::string text = write_plan_file(plan);
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("1e99999"), std::string::npos);
  auto back = read_plan_file(text, env_with_key);
  ASSERT_TRUE(back.ok()) << back.error().message;
}

TEST(PlanFile, RoundTripKeepsWhatApplyNeeds) {
  const auto plan = test::sample_plan();
  const std::string text = write_plan_file(plan);
  EXPECT_EQ(text.find("sk-render-test-secret"), std::string::npos);
  auto back = read_plan_file(text, env_with_key);
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->changes.size(), plan.changes.size());
  EXPECT_EQ(back->account_id, "acct-1");
  EXPECT_EQ(back->api_requests, 7u);
  EXPECT_EQ(back->read_gateways, plan.read_gateways);
  EXPECT_TRUE(back->read_billing);
  EXPECT_EQ(back->warnings, plan.warnings);
  ASSERT_EQ(back->fingerprints.size(), 2u);
  EXPECT_EQ(back->fingerprints[1].hash, "0123456789abcdef");
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    SCOPED_TRACE(plan.changes[i].address());
    const auto& a = plan.changes[i];
    const auto& b = back->changes[i];
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.resource, b.resource);
    EXPECT_EQ(a.address(), b.address());
    EXPECT_EQ(a.server_id, b.server_id);
    EXPECT_EQ(model::Value(a.body), model::Value(b.body));
    EXPECT_EQ(a.elements, b.elements);
    EXPECT_EQ(a.version_id, b.version_id);
    EXPECT_EQ(a.secret_env, b.secret_env);
    EXPECT_EQ(a.reason, b.reason);
    EXPECT_EQ(a.billing, b.billing);
    EXPECT_EQ(a.cascade, b.cascade);
    EXPECT_EQ(a.depends_on, b.depends_on);
    EXPECT_EQ(a.diff.size(), b.diff.size());
  }
  ASSERT_TRUE(back->changes[2].secret.has_value());
  EXPECT_EQ(back->changes[2].secret->reveal(), "sk-from-env-again");
}

TEST(PlanFile, MissingSecretVariableIsAnErrorNamingIt) {
  auto back = read_plan_file(write_plan_file(test::sample_plan()),
                             [](const std::string&) { return std::nullopt; });
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.error().message.find("AIGW_RENDER_TEST_KEY"), std::string::npos);
}

TEST(PlanFile, RejectsWhatIsNotAPlan) {
  EXPECT_FALSE(read_plan_file("not json", env_with_key).ok());
  EXPECT_FALSE(read_plan_file("{\"format\": \"other\"}", env_with_key).ok());
  EXPECT_FALSE(read_plan_file("{\"format\": \"aigw-plan\", \"format_version\": 2}", env_with_key).ok());
  auto text = write_plan_file(test::sample_plan());
  const auto at = text.find("\"depends_on\": [\n        0");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 25, "\"depends_on\": [\n        99");
  auto back = read_plan_file(text, env_with_key);
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.error().message.find("depends_on"), std::string::npos);
}

} // namespace
} // namespace aigw::render
