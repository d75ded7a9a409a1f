// Unit tests of request validation: field specs, bodies, paging, route elements.

#include "emulator/validation.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace aigw::emulator {
namespace {
namespace json = boost::json;
using model::ResourceKind;

const model::FieldSpec& gateway_field(std::string_view name) {
  return *model::find_field(ResourceKind::gateway, name);
}

TEST(ValidationTest, ChecksTypesEnumsRangesAndLengths) {
  EXPECT_FALSE(check_field(gateway_field("retry_delay"), json::value(5000)));
  EXPECT_TRUE(check_field(gateway_field("retry_delay"), json::value(5001)));
  EXPECT_TRUE(check_field(gateway_field("retry_max_attempts"), json::value(0)));
  EXPECT_TRUE(check_field(gateway_field("retry_delay"), json::value("10")));
  EXPECT_FALSE(check_field(gateway_field("rate_limiting_technique"), json::value("sliding")));
  EXPECT_TRUE(check_field(gateway_field("rate_limiting_technique"), json::value("Sliding")));
  EXPECT_TRUE(check_field(gateway_field("logpush_public_key"), json::value("short")));
  EXPECT_FALSE(check_field(gateway_field("logpush_public_key"), json::value(std::string(16, 'k'))));
  EXPECT_TRUE(check_field(gateway_field("collect_logs"), json::value(1)));
  EXPECT_TRUE(check_field(gateway_field("collect_logs"), json::value(nullptr)));
  EXPECT_FALSE(check_field(gateway_field("cache_ttl"), json::value(nullptr)));
  EXPECT_TRUE(check_field(gateway_field("guardrails"), json::parse(R"({"prompt":{"S99":"FLAG"}})")));
  EXPECT_TRUE(check_field(gateway_field("guardrails"), json::parse(R"({"prompt":{"S1":"DROP"}})")));
  EXPECT_FALSE(check_field(gateway_field("guardrails"), json::parse(R"({"response":{"P1":"FLAG"}})")));
}

TEST(ValidationTest, ErrorsNameTheField) {
  const auto error = check_field(gateway_field("retry_delay"), json::value(9000));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status, 400);
  EXPECT_EQ(error->message, "'retry_delay' is out of range (min 0) (max 5000)");
}

TEST(ValidationTest, BodiesNeedTheirRequiredFields) {
  const auto body = json::parse(R"({"cache_ttl":0})").as_object();
  const auto error = check_body(body, ResourceKind::gateway, BodyMode::create);
  ASSERT_TRUE(error);
  EXPECT_NE(error->message.find("missing required field"), std::string::npos);
  EXPECT_FALSE(parse_object_body("{\"a\":").ok());
  EXPECT_EQ(parse_object_body("{\"a\":").error().code, codes::k_malformed_json);
  EXPECT_FALSE(parse_object_body("[1]").ok());
}

TEST(ValidationTest, CreateStripsWhatUpdateKeeps) {
  const auto body = json::parse(
      R"({"cache_ttl":1,"guardrails":{},"created_at":"x","future":true})").as_object();
  const auto created = kept_fields(body, ResourceKind::gateway, BodyMode::create);
  EXPECT_TRUE(created.contains("cache_ttl"));
  EXPECT_FALSE(created.contains("guardrails"));
  EXPECT_FALSE(created.contains("future"));
  EXPECT_FALSE(created.contains("created_at"));
  const auto updated = kept_fields(body, ResourceKind::gateway, BodyMode::update);
  EXPECT_TRUE(updated.contains("guardrails"));
  EXPECT_TRUE(updated.contains("future"));
  EXPECT_FALSE(updated.contains("created_at"));
}

TEST(ValidationTest, PagingDefaultsAndBounds) {
  Request request;
  auto page = parse_page(request);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->page, 1U);
  EXPECT_EQ(page->per_page, 20U);
  request.query = {{"page", "3"}, {"per_page", "100"}};
  page = parse_page(request);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->page, 3U);
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"per_page", "0"}, {"per_page", "101"}, {"page", "0"}, {"page", "1x"}, {"page", ""}}) {
    request.query = {{key, value}};
    EXPECT_FALSE(parse_page(request).ok()) << key << "=" << value;
  }
}

TEST(ValidationTest, RouteElementsHaveAShape) {
  EXPECT_FALSE(check_route_elements(json::parse(
      R"([{"id":"s","type":"start","outputs":{"next":{"elementId":"e"}}},{"id":"e","type":"end","outputs":{}}])")));
  EXPECT_TRUE(check_route_elements(json::parse("[]")));
  EXPECT_TRUE(check_route_elements(json::parse(R"({"id":"s"})")));
  EXPECT_TRUE(check_route_elements(json::parse(R"([{"id":"s","type":"begin","outputs":{}}])")));
  EXPECT_TRUE(check_route_elements(json::parse(
      R"([{"id":"s","type":"start","outputs":{}},{"id":"s","type":"end","outputs":{}}])")));
  EXPECT_TRUE(check_route_elements(json::parse(R"([{"id":"s","type":"start","outputs":{"next":"e"}}])")));
}

} // namespace
} // namespace aigw::emulator
