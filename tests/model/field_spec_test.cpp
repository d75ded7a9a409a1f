// The field table describes nested fields member by member: paths below a field resolve to
// their spec, and set-like lists and credentials are marked where they are.

#include "model/credentials.h"
#include "model/field_spec.h"
#include "model/route_element_spec.h"

#include <gtest/gtest.h>

namespace aigw::model {
namespace {

TEST(FindFieldAt, WalksMembersItemsVariantsAndMapValues) {
  const auto* check = find_field_at(ResourceKind::gateway, "dlp.policies[].check");
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->type, FieldType::array);
  EXPECT_TRUE(check->set_like);
  EXPECT_EQ(find_field_at(ResourceKind::gateway, "dlp.policies[2].check"), check);
  const auto* header = find_field_at(ResourceKind::gateway, "otel[].headers.x.api-key");
  ASSERT_NE(header, nullptr);
  EXPECT_TRUE(header->sensitive);
  EXPECT_EQ(find_field_at(ResourceKind::gateway, "guardrails.prompt.S13")->enum_values.size(), 2U);
  EXPECT_EQ(find_field_at(ResourceKind::dataset, "filters[].value[]")->type, FieldType::scalar);
}

TEST(FindFieldAt, IsNullWhereTheTableHasNothing) {
  EXPECT_EQ(find_field_at(ResourceKind::gateway, "dlp.nope"), nullptr);
  EXPECT_EQ(find_field_at(ResourceKind::gateway, "otel.url"), nullptr); // a list, not an object
  EXPECT_EQ(find_field_at(ResourceKind::gateway, "cache_ttl[]"), nullptr);
  EXPECT_EQ(find_field_at(ResourceKind::gateway, "otel[].headers."), nullptr);
  EXPECT_EQ(find_field_at(ResourceKind::dataset, "dlp.profiles"), nullptr);
}

TEST(FieldTable, SetLikeListsAreMarkedWhereTheyAre) {
  for (const auto* path : {"otel", "dlp.profiles", "dlp.policies", "dlp.policies[].profiles"}) {
    const auto* spec = find_field_at(ResourceKind::gateway, path);
    ASSERT_NE(spec, nullptr) << path;
    EXPECT_TRUE(spec->set_like) << path;
  }
  EXPECT_FALSE(find_field_at(ResourceKind::gateway, "stripe.usage_events")->set_like);
}

TEST(FieldTable, CredentialsAreTheSensitiveMembersBelowAField) {
  EXPECT_TRUE(is_credential_path("otel[].authorization"));
  EXPECT_TRUE(is_credential_path("stripe.authorization"));
  EXPECT_TRUE(is_credential_path("otel[].headers.x-key"));
  EXPECT_FALSE(is_credential_path("otel[].headers"));
  EXPECT_FALSE(is_credential_path("otel[].url"));
  // A sensitive field itself is never shown, so it is no path to mask.
  EXPECT_FALSE(is_credential_path("secret"));
  EXPECT_FALSE(is_credential_path("headers"));
}

TEST(RouteElementTable, CoversEveryElementType) {
  ASSERT_EQ(route_element_specs().size(), route_element_types().size());
  for (std::size_t i = 0; i < route_element_types().size(); ++i) {
    EXPECT_EQ(route_element_specs()[i].type, route_element_types()[i]);
  }
  EXPECT_TRUE(find_route_element("model")->properties_required);
  EXPECT_FALSE(find_route_element("conditional")->properties_required);
  EXPECT_FALSE(find_route_element("start")->properties.has_value());
}

} // namespace
} // namespace aigw::model
