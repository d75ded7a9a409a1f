// Unit tests of request validation: field specs, bodies, paging, route elements.

#include "emulator/validation.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <array>
#include <stdexcept>

namespace aigw::emulator {
namespace {
namespace json = boost::json;

const reference::Field& update_field(std::string_view name) {
  for (const auto& field : reference::body_fields(reference::Body::gateway_update)) {
    if (field.name == name) {
      return field;
    }
  }
  throw std::logic_error("no field " + std::string(name));
}

std::optional<ApiError> check(std::string_view name, const json::value& value) {
  return check_value(update_field(name), value, std::string(name));
}

TEST(ValidationTest, ChecksTypesEnumsRangesAndLengths) {
  EXPECT_FALSE(check("retry_delay", json::value(5000)));
  EXPECT_TRUE(check("retry_delay", json::value(5001)));
  EXPECT_TRUE(check("retry_max_attempts", json::value(0)));
  EXPECT_TRUE(check("retry_delay", json::value("10")));
  EXPECT_FALSE(check("rate_limiting_technique", json::value("sliding")));
  EXPECT_TRUE(check("rate_limiting_technique", json::value("Sliding")));
  EXPECT_TRUE(check("logpush_public_key", json::value("short")));
  EXPECT_FALSE(check("logpush_public_key", json::value(std::string(16, 'k'))));
  EXPECT_TRUE(check("collect_logs", json::value(1)));
  // Unknown members of a nested object are ignored, like unknown fields.
  EXPECT_FALSE(check("guardrails", json::parse(R"({"prompt":{"S99":"FLAG"}})")));
  EXPECT_TRUE(check("guardrails", json::parse(R"({"prompt":{"S1":"DROP"}})")));
  EXPECT_FALSE(check("guardrails", json::parse(R"({"response":{"P1":"FLAG"}})")));
}

TEST(ValidationTest, LengthsCountCharactersNotBytes) {
  EXPECT_EQ(character_count("h\xc3\xa9llo"), 5U);
  EXPECT_EQ(character_count("\xf0\x9f\x98\x80"), 1U);
  // 16 two-byte characters are 16 characters long, not 32: valid for 16..1024.
  std::string key;
  for (int i = 0; i < 16; ++i) {
    key += "\xc3\xa9";
  }
  EXPECT_FALSE(check("logpush_public_key", json::value(key)));
  EXPECT_TRUE(check("logpush_public_key", json::value(key.substr(0, 30))));
}

TEST(ValidationTest, NullOnlyWhereTheReferenceAllowsIt) {
  for (const char* name : {"cache_ttl", "rate_limiting_limit", "log_management", "retry_delay",
                           "otel", "stripe", "guardrails", "store_id", "logpush_public_key"}) {
    EXPECT_FALSE(check(name, json::value(nullptr))) << name;
  }
  for (const char* name : {"collect_logs", "authentication", "logpush", "zdr",
                           "workers_ai_billing_mode", "dlp", "cache_invalidate_on_update"}) {
    EXPECT_TRUE(check(name, json::value(nullptr))) << name;
  }
}

TEST(ValidationTest, CountsAndCentsAreWholeNumbers) {
  EXPECT_TRUE(check("retry_max_attempts", json::value(2.5)));
  EXPECT_FALSE(check("retry_max_attempts", json::value(2.0)));
  const auto body = json::parse(R"({"amount":1000.5,"threshold":500})").as_object();
  EXPECT_TRUE(check_body(body, reference::Body::auto_topup_set));
}

TEST(ValidationTest, NestedGatewayShapes) {
  EXPECT_FALSE(check("dlp", json::parse(R"({"action":"BLOCK","enabled":true,"profiles":["p"]})")));
  EXPECT_TRUE(check("dlp", json::parse(R"({"action":"DROP","enabled":true,"profiles":["p"]})")));
  EXPECT_FALSE(check("dlp", json::parse(
      R"({"enabled":true,"policies":[{"id":"x","action":"FLAG","check":["REQUEST"],"enabled":true,"profiles":[]}]})")));
  EXPECT_TRUE(check("dlp", json::parse(
      R"({"enabled":true,"policies":[{"id":"x","action":"FLAG","check":["BOTH"],"enabled":true,"profiles":[]}]})")));
  const std::string exporter =
      R"({"authorization":"a","headers":{"x":"y"},"url":"https://otel.example/v1","content_type":"json"})";
  EXPECT_FALSE(check("otel", json::parse("[" + exporter + "]")));
  EXPECT_TRUE(check("otel", json::parse(R"(["not an object"])")));
  EXPECT_TRUE(check("otel", json::parse(
      R"([{"authorization":"a","headers":{},"url":"https://o.example","content_type":"xml"}])")));
  EXPECT_TRUE(check("otel", json::parse(
      R"([{"authorization":"a","headers":{},"url":"not a url"}])")));
  EXPECT_TRUE(check("otel", json::parse(R"([{"authorization":"a","headers":{"x":1},"url":"https://o.example"}])")));
  EXPECT_FALSE(check("stripe", json::parse(R"({"authorization":"a","usage_events":[{"payload":"p"}]})")));
  EXPECT_TRUE(check("stripe", json::parse(R"({"authorization":"a","usage_events":{"payload":"p"}})")));
  EXPECT_TRUE(check("guardrails", json::parse("{}")));
}

TEST(ValidationTest, ErrorsNameTheField) {
  const auto error = check("retry_delay", json::value(9000));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status, 400);
  EXPECT_EQ(error->message, "'retry_delay' is out of range (min 0) (max 5000)");
  const auto nested = check("otel", json::parse(R"([{"authorization":"a","headers":{},"url":"x"}])"));
  ASSERT_TRUE(nested);
  EXPECT_EQ(nested->message, "'otel[0].url' must be an absolute http(s) URL");
}

TEST(ValidationTest, BodiesNeedTheirRequiredFields) {
  const auto body = json::parse(R"({"cache_ttl":0})").as_object();
  const auto error = check_body(body, reference::Body::gateway_create);
  ASSERT_TRUE(error);
  EXPECT_NE(error->message.find("missing required field"), std::string::npos);
  EXPECT_FALSE(parse_object_body("{\"a\":").ok());
  EXPECT_EQ(parse_object_body("{\"a\":").error().code, codes::k_malformed_json);
  EXPECT_FALSE(parse_object_body("[1]").ok());
}

TEST(ValidationTest, BodiesRejectRepeatedKeysAndNonFiniteNumbers) {
  const auto repeated = parse_object_body(R"({"id":"a","id":"b"})");
  ASSERT_FALSE(repeated.ok());
  EXPECT_EQ(repeated.error().status, 400);
  EXPECT_EQ(repeated.error().message, "duplicate key 'id' in a JSON object");
  EXPECT_FALSE(parse_object_body(R"({"a":{"k":1,"k":2}})").ok());
  EXPECT_TRUE(parse_object_body(R"({"a":{"k":1},"b":{"k":2}})").ok());
  const auto huge = parse_object_body(R"({"cache_ttl":1e400})");
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().message, "number 1e400 is out of range");
  EXPECT_FALSE(parse_object_body(R"({"x":[-1e999]})").ok());
}

TEST(ValidationTest, CreateStripsWhatUpdateKeeps) {
  const auto body = json::parse(
      R"({"cache_ttl":1,"guardrails":{},"created_at":"x","future":true})").as_object();
  constexpr std::array<std::string_view, 1> k_server = {"created_at"};
  const auto created = kept_fields(body, reference::Body::gateway_create, false, k_server);
  EXPECT_TRUE(created.contains("cache_ttl"));
  EXPECT_FALSE(created.contains("guardrails"));
  EXPECT_FALSE(created.contains("future"));
  EXPECT_FALSE(created.contains("created_at"));
  const auto updated = kept_fields(body, reference::Body::gateway_update, true, k_server);
  EXPECT_TRUE(updated.contains("guardrails"));
  EXPECT_TRUE(updated.contains("future"));
  EXPECT_FALSE(updated.contains("created_at"));
}

TEST(ValidationTest, QueryParametersAreChecked) {
  Request request;
  request.query = {{"direction", "sideways"}};
  EXPECT_TRUE(check_query(request, reference::Query::logs_list));
  request.query = {{"feedback", "2"}};
  EXPECT_TRUE(check_query(request, reference::Query::logs_list));
  request.query = {{"success", "yes"}};
  EXPECT_TRUE(check_query(request, reference::Query::logs_list));
  request.query = {{"min_cost", "cheap"}};
  EXPECT_TRUE(check_query(request, reference::Query::logs_list));
  request.query = {{"filters", R"([{"key":"colour","operator":"eq","value":["red"]}])"}};
  EXPECT_TRUE(check_query(request, reference::Query::logs_list));
  request.query = {{"direction", "desc"}, {"feedback", "1"}, {"success", "true"}, {"min_cost", "0.5"},
                   {"filters", R"([{"key":"model","operator":"eq","value":["gpt"]}])"}};
  EXPECT_FALSE(check_query(request, reference::Query::logs_list));
  request.query = {{"limit", "0"}};
  EXPECT_TRUE(check_query(request, reference::Query::logs_delete));
  request.query = {};
  EXPECT_TRUE(check_query(request, reference::Query::usage_history));
  request.query = {{"value_grouping_window", "day"}, {"start_time", "soon"}};
  EXPECT_TRUE(check_query(request, reference::Query::usage_history));
  request.query = {{"order_by_direction", "up"}};
  EXPECT_TRUE(check_query(request, reference::Query::evaluation_types_list));
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

TEST(ValidationTest, RouteElementPropertiesFollowTheirType) {
  const std::string start = R"({"id":"s","type":"start","outputs":{"next":{"elementId":"m"}}},)";
  const std::string end = R"(,{"id":"e","type":"end","outputs":{}})";
  const auto with = [&](const std::string& element) {
    return check_route_elements(json::parse("[" + start + element + end + "]"));
  };
  const std::string outs = R"("outputs":{"success":{"elementId":"e"},"fallback":{"elementId":"e"}})";
  EXPECT_FALSE(with(R"({"id":"m","type":"model",)" + outs +
                    R"(,"properties":{"provider":"openai","model":"gpt-4o","retries":1,"timeout":100}})"));
  EXPECT_TRUE(with(R"({"id":"m","type":"model",)" + outs + R"(,"properties":{"model":"gpt-4o"}})"));
  EXPECT_TRUE(with(R"({"id":"m","type":"model",)" + outs + R"(})"));
  EXPECT_FALSE(with(R"({"id":"m","type":"rate",)" + outs +
                    R"(,"properties":{"key":"k","limit":10,"limitType":"count","window":60}})"));
  EXPECT_TRUE(with(R"({"id":"m","type":"rate",)" + outs +
                   R"(,"properties":{"key":"k","limit":10,"limitType":"tokens","window":60}})"));
  EXPECT_TRUE(with(R"({"id":"m","type":"rate",)" + outs +
                   R"(,"properties":{"key":"k","limit":"ten","limitType":"count","window":60}})"));
  EXPECT_TRUE(with(R"({"id":"m","type":"model","outputs":{"fallback":{"elementId":"e"}},)"
                   R"("properties":{"provider":"openai","model":"gpt-4o"}})"));
  // A missing fallback is accepted (a documented deviation: aigw's configuration allows it).
  EXPECT_FALSE(with(R"({"id":"m","type":"model","outputs":{"success":{"elementId":"e"}},)"
                    R"("properties":{"provider":"openai","model":"gpt-4o"}})"));
  EXPECT_TRUE(check_route_elements(json::parse(
      R"([{"id":"s","type":"start","outputs":{}},{"id":"e","type":"end","outputs":{}}])")));
}

} // namespace
} // namespace aigw::emulator
