// Credentials held in gateway fields: masked by position wherever shown, and searched for in
// free text (error bodies, logs) only where a match can be told from ordinary text.

#include "model/credentials.h"
#include "util/secret.h"

#include <gtest/gtest.h>

namespace aigw::model {
namespace {

Object gateway_fields(const std::string& authorization, Object headers) {
  return Object{{"otel", Array{Object{{"authorization", authorization},
                                      {"headers", std::move(headers)},
                                      {"url", "https://otel.example"}}}}};
}

class RegisteredCredentials : public ::testing::Test {
protected:
  void SetUp() override { Redactor::global().clear(); }
  void TearDown() override { Redactor::global().clear(); }
};

TEST_F(RegisteredCredentials, ABearerTokenIsMaskedAlsoWithoutItsScheme) {
  register_gateway_credentials(gateway_fields("Bearer CANARYOTEL123456789", Object{}));
  // An API error that echoes the token alone, without "Bearer ".
  EXPECT_EQ(Redactor::global().redact("[7002] token CANARYOTEL123456789 rejected"),
            "[7002] token (sensitive) rejected");
  EXPECT_EQ(Redactor::global().redact("got 'Bearer CANARYOTEL123456789'"), "got '(sensitive)'");
}

TEST_F(RegisteredCredentials, ShortHeaderValuesAreNotSearchedForInText) {
  register_gateway_credentials(gateway_fields(
      "Bearer CANARYOTEL123456789",
      Object{{"x-team", "support"}, {"x-debug", "false"}, {"x-api-key", "hk-0123456789abcdef"}}));
  // "support" and "false" would otherwise mask ids and JSON literals everywhere.
  EXPECT_EQ(Redactor::global().redact("PUT /gateways/support-bot {\"billing\": false}"),
            "PUT /gateways/support-bot {\"billing\": false}");
  // A header value long enough to be a key is searched for like any credential.
  EXPECT_EQ(Redactor::global().redact("bad key hk-0123456789abcdef"), "bad key (sensitive)");
}

TEST(MaskCredentials, EveryHeaderValueIsMaskedWhereItIsShownAsAField) {
  const auto masked =
      mask_credentials("otel", Value(Array{Object{{"headers", Object{{"x-team", "support"}}}}}));
  EXPECT_EQ(masked, Value(Array{Object{{"headers", Object{{"x-team", "(sensitive)"}}}}}));
}

TEST(ValueAt, FollowsIndicesAndTakesTheLongestKey) {
  Object fields{{"otel", Array{Object{{"authorization", "a0"}},
                              Object{{"headers", Object{{"x", "short"}, {"x.api-key", "long"}}}}}},
                {"stripe", Object{{"authorization", "s"}}}};
  ASSERT_NE(value_at(fields, "otel[0].authorization"), nullptr);
  EXPECT_EQ(*value_at(fields, "otel[0].authorization"), Value("a0"));
  EXPECT_EQ(*value_at(fields, "otel[1].headers.x.api-key"), Value("long"));
  EXPECT_EQ(*value_at(fields, "otel[1].headers.x"), Value("short"));
  EXPECT_EQ(*value_at(fields, "stripe.authorization"), Value("s"));
  for (const char* missing : {"otel[2].authorization", "otel[].authorization", "otel[x]",
                              "stripe[0]", "otel[0].url", "nothing", "otel[0].authorization.x",
                              "otel[99999999999999999999].authorization"}) {
    EXPECT_EQ(value_at(fields, missing), nullptr) << missing;
  }
  *value_at(fields, "stripe.authorization") = Value("changed");
  EXPECT_EQ(fields.at("stripe").as_object().at("authorization"), Value("changed"));
}

TEST(MemberPath, QuotesAKeyThatWouldReadAsMoreThanOneStep) {
  EXPECT_EQ(member_path("otel[0].headers", "x-team"), "otel[0].headers.x-team");
  EXPECT_EQ(member_path("otel[0].headers", "x-team.name"), R"(otel[0].headers."x-team.name")");
  EXPECT_EQ(member_path("h", "a[0]"), R"(h."a[0]")");
  EXPECT_EQ(member_path("h", R"(say "hi")"), R"(h."say \"hi\"")");
  EXPECT_EQ(member_path("h", ""), R"(h."")");
  EXPECT_EQ(member_path("", "top"), "top");
}

TEST(ValueAt, FindsAQuotedKeyExactly) {
  Object fields{{"otel", Array{Object{{"headers", Object{{"x", "short"}, {"x.y", "dotted"},
                                                         {"q\"k", "quote"}}}}}}};
  for (const auto& [key, value] : {std::pair{"x.y", "dotted"}, {"x", "short"}, {"q\"k", "quote"}}) {
    const auto path = member_path("otel[0].headers", key);
    ASSERT_NE(value_at(fields, path), nullptr) << path;
    EXPECT_EQ(*value_at(fields, path), Value(value)) << path;
  }
  for (const char* missing : {R"(otel[0].headers."x.z")", R"(otel[0].headers."x.y)",
                              R"(otel[0].headers."x.y".more)", R"(otel[0]."headers)"}) {
    EXPECT_EQ(value_at(fields, missing), nullptr) << missing;
  }
}

TEST(WithoutIndices, DropsListIndicesOnly) {
  EXPECT_EQ(without_indices("otel[12].headers.x[y]"), "otel[].headers.x[y]");
}

} // namespace
} // namespace aigw::model
