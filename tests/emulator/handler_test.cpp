// Unit tests of the pure handler: envelopes, validation, paging, routes, billing.

#include "emulator/handler.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace aigw::emulator {
namespace {
namespace json = boost::json;

const std::string k_base = "/client/v4/accounts/acc1/ai-gateway";

class HandlerTest : public ::testing::Test {
protected:
  Response call(const std::string& method, const std::string& path, const std::string& body = "",
                std::vector<std::pair<std::string, std::string>> query = {}) {
    Request request{.method = method, .path = k_base + path, .query = std::move(query),
                    .headers = {{"authorization", "Bearer token-1234"}}, .body = body};
    return handle(m_store, request);
  }
  json::object call_json(const std::string& method, const std::string& path,
                         const std::string& body = "",
                         std::vector<std::pair<std::string, std::string>> query = {}) {
    return json::parse(call(method, path, body, std::move(query)).body).as_object();
  }
  void create_gateway(const std::string& id) {
    ASSERT_EQ(call("POST", "/gateways",
                   R"({"id":")" + id + R"(","cache_invalidate_on_update":false,"cache_ttl":0,)"
                   R"("collect_logs":true,"rate_limiting_interval":0,"rate_limiting_limit":0})")
                  .status,
              200);
  }
  Store m_store;
};

TEST_F(HandlerTest, RequiresCredentials) {
  Request request{.method = "GET", .path = k_base + "/gateways"};
  const Response response = handle(m_store, request);
  EXPECT_EQ(response.status, 401);
  const auto body = json::parse(response.body).as_object();
  EXPECT_FALSE(body.at("success").as_bool());
  EXPECT_EQ(body.at("errors").as_array().size(), 1U);
  request.headers = {{"x-auth-email", "a@b.c"}, {"x-auth-key", "k"}};
  EXPECT_EQ(handle(m_store, request).status, 200);
}

TEST_F(HandlerTest, CreatesGatewayWithServerFields) {
  create_gateway("gw1");
  const auto body = call_json("GET", "/gateways/gw1");
  const auto& result = body.at("result").as_object();
  EXPECT_TRUE(body.at("success").as_bool());
  EXPECT_EQ(result.at("id").as_string(), "gw1");
  EXPECT_TRUE(result.contains("created_at"));
  EXPECT_TRUE(result.contains("modified_at"));
  EXPECT_EQ(result.at("created_at").as_string().size(), 24U);
}

TEST_F(HandlerTest, RejectsDuplicateGatewayAndBadBodies) {
  create_gateway("gw1");
  EXPECT_EQ(call("POST", "/gateways",
                 R"({"id":"gw1","cache_invalidate_on_update":false,"cache_ttl":0,)"
                 R"("collect_logs":true,"rate_limiting_interval":0,"rate_limiting_limit":0})")
                .status,
            409);
  EXPECT_EQ(call("POST", "/gateways", "{not json").status, 400);
  EXPECT_EQ(call("POST", "/gateways", R"({"id":"gw2"})").status, 400);
  EXPECT_EQ(call("POST", "/gateways",
                 R"({"id":"gw2","cache_invalidate_on_update":"yes","cache_ttl":0,)"
                 R"("collect_logs":true,"rate_limiting_interval":0,"rate_limiting_limit":0})")
                .status,
            400);
  EXPECT_EQ(call("POST", "/gateways",
                 R"({"id":"gw2","cache_invalidate_on_update":false,"cache_ttl":0,"retry_delay":9000,)"
                 R"("collect_logs":true,"rate_limiting_interval":0,"rate_limiting_limit":0})")
                .status,
            400);
  EXPECT_EQ(call("POST", "/gateways",
                 R"({"id":"gw2","cache_invalidate_on_update":false,"cache_ttl":0,)"
                 R"("rate_limiting_technique":"bogus","collect_logs":true,)"
                 R"("rate_limiting_interval":0,"rate_limiting_limit":0})")
                .status,
            400);
  EXPECT_EQ(call("POST", "/gateways", "[]").status, 400);
}

TEST_F(HandlerTest, PutReplacesAndKeepsUnknownFields) {
  create_gateway("gw1");
  const auto body = call_json("PUT", "/gateways/gw1",
                              R"({"cache_invalidate_on_update":true,"cache_ttl":60,)"
                              R"("collect_logs":true,"rate_limiting_interval":0,)"
                              R"("rate_limiting_limit":0,"future_field":{"x":1},"id":"other"})");
  const auto& result = body.at("result").as_object();
  EXPECT_EQ(result.at("id").as_string(), "gw1");
  EXPECT_EQ(result.at("cache_ttl").as_int64(), 60);
  EXPECT_EQ(json::serialize(result.at("future_field")), R"({"x":1})");
}

TEST_F(HandlerTest, UnknownIdsAre404AndDeleteAnswersTheObject) {
  EXPECT_EQ(call("GET", "/gateways/nope").status, 404);
  EXPECT_EQ(call("DELETE", "/gateways/nope").status, 404);
  create_gateway("gw1");
  const Response deleted = call("DELETE", "/gateways/gw1");
  EXPECT_EQ(deleted.status, 200);
  EXPECT_TRUE(deleted.state_changed);
  EXPECT_EQ(call("GET", "/gateways/gw1").status, 404);
  EXPECT_EQ(call("GET", "/nothing-here").status, 404);
}

TEST_F(HandlerTest, PagesGatewayList) {
  for (int i = 0; i < 5; ++i) {
    create_gateway("gw" + std::to_string(i));
  }
  auto page = call_json("GET", "/gateways", "", {{"per_page", "2"}, {"page", "2"}});
  EXPECT_EQ(page.at("result").as_array().size(), 2U);
  EXPECT_EQ(page.at("result").as_array()[0].at("id").as_string(), "gw2");
  EXPECT_EQ(page.at("result_info").at("total_count").to_number<std::uint64_t>(), 5U);
  page = call_json("GET", "/gateways", "", {{"per_page", "2"}, {"page", "9"}});
  EXPECT_TRUE(page.at("result").as_array().empty());
  EXPECT_EQ(call("GET", "/gateways", "", {{"per_page", "101"}}).status, 400);
  EXPECT_EQ(call("GET", "/gateways", "", {{"page", "0"}}).status, 400);
  page = call_json("GET", "/gateways", "", {{"search", "gw4"}});
  EXPECT_EQ(page.at("result").as_array().size(), 1U);
}

TEST_F(HandlerTest, DatasetsValidateFiltersAndNames) {
  create_gateway("gw1");
  const std::string good =
      R"({"name":"d1","enable":true,"filters":[{"key":"success","operator":"eq","value":[false]}]})";
  const auto created = call_json("POST", "/gateways/gw1/datasets", good);
  const std::string id(created.at("result").at("id").as_string());
  EXPECT_EQ(call("POST", "/gateways/gw1/datasets", good).status, 409);
  EXPECT_EQ(call("POST", "/gateways/gw1/datasets",
                 R"({"name":"d2","enable":true,"filters":[{"key":"nope","operator":"eq","value":[1]}]})")
                .status,
            400);
  auto list = call_json("GET", "/gateways/gw1/datasets", "", {{"enable", "false"}});
  EXPECT_TRUE(list.at("result").as_array().empty());
  list = call_json("GET", "/gateways/gw1/datasets", "", {{"name", "d1"}});
  EXPECT_EQ(list.at("result").as_array().size(), 1U);
  EXPECT_EQ(call("PUT", "/gateways/gw1/datasets/" + id,
                 R"({"name":"d1","enable":false,"filters":[]})")
                .status,
            200);
  EXPECT_EQ(call("DELETE", "/gateways/gw1/datasets/" + id).status, 200);
  EXPECT_EQ(call("GET", "/gateways/gw1/datasets/" + id).status, 404);
}

TEST_F(HandlerTest, RouteVersionsAndDeployments) {
  create_gateway("gw1");
  const std::string elements =
      R"([{"id":"start","type":"start","outputs":{"next":{"elementId":"end"}}},)"
      R"({"id":"end","type":"end","outputs":{}}])";
  const auto created =
      call_json("POST", "/gateways/gw1/routes", R"({"name":"chat","elements":)" + elements + "}");
  const auto& route = created.at("result").as_object();
  const std::string id(route.at("id").as_string());
  const std::string first_version(route.at("version").at("version_id").as_string());
  EXPECT_EQ(route.at("deployment").at("version_id").as_string(), first_version);
  EXPECT_EQ(route.at("version").at("active").as_string(), "true");
  EXPECT_EQ(json::parse(route.at("version").at("data").as_string()), json::parse(elements));

  const std::string other = R"([{"id":"s","type":"start","outputs":{"next":{"elementId":"e"}}},)"
                            R"({"id":"e","type":"end","outputs":{}}])";
  const auto added = call_json("POST", "/gateways/gw1/routes/" + id + "/versions",
                               R"({"elements":)" + other + "}");
  EXPECT_FALSE(added.at("result").as_object().contains("version_id"));
  auto versions = call_json("GET", "/gateways/gw1/routes/" + id + "/versions");
  const auto& list = versions.at("data").at("versions").as_array();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[1].at("active").as_string(), "false");
  const std::string second(list[1].at("version_id").as_string());

  // Adding a version did not deploy it.
  auto got = call_json("GET", "/gateways/gw1/routes/" + id);
  EXPECT_EQ(got.at("result").at("version").at("version_id").as_string(), first_version);
  EXPECT_EQ(call("POST", "/gateways/gw1/routes/" + id + "/deployments",
                 R"({"version_id":")" + second + R"("})")
                .status,
            200);
  got = call_json("GET", "/gateways/gw1/routes/" + id);
  EXPECT_EQ(got.at("result").at("elements"), json::parse(other));
  auto deployments = call_json("GET", "/gateways/gw1/routes/" + id + "/deployments");
  EXPECT_EQ(deployments.at("data").at("deployments").as_array().size(), 2U);
  EXPECT_EQ(call("POST", "/gateways/gw1/routes/" + id + "/deployments", R"({"version_id":"x"})")
                .status,
            404);

  const auto renamed = call_json("PATCH", "/gateways/gw1/routes/" + id, R"({"name":"chat2"})");
  EXPECT_EQ(renamed.at("route").at("name").as_string(), "chat2");
  const auto routes = call_json("GET", "/gateways/gw1/routes");
  EXPECT_EQ(routes.at("data").at("routes").as_array().size(), 1U);
  EXPECT_EQ(call("POST", "/gateways/gw1/routes", R"({"name":"bad","elements":[{"id":1}]})").status,
            400);
  EXPECT_EQ(call("DELETE", "/gateways/gw1/routes/" + id).status, 200);
  EXPECT_EQ(call("GET", "/gateways/gw1/routes/" + id).status, 404);
}

TEST_F(HandlerTest, ProviderConfigsShowOnlyAPreview) {
  create_gateway("gw1");
  const std::string secret = "sk-abcdefghijklmnopqrstuvwxyz";
  const Response created = call("POST", "/gateways/gw1/provider_configs",
                                R"({"provider_slug":"openai","alias":"main","default_config":true,)"
                                R"("secret":")" + secret + R"("})");
  EXPECT_EQ(created.status, 200);
  EXPECT_EQ(created.body.find(secret), std::string::npos);
  const Response list = call("GET", "/gateways/gw1/provider_configs");
  EXPECT_EQ(list.body.find(secret), std::string::npos);
  const auto body = json::parse(list.body).as_object();
  EXPECT_EQ(body.at("result").as_array()[0].at("secret_preview").as_string(), "sk-...xyz");
  EXPECT_EQ(call("POST", "/gateways/gw1/provider_configs",
                 R"({"provider_slug":"openai","alias":"main","default_config":true,"secret":"x"})")
                .status,
            409);
}

TEST_F(HandlerTest, BillingSingletons) {
  auto limit = call_json("GET", "/billing/spending-limit");
  EXPECT_EQ(limit.at("result").at("config"),
            json::parse(R"({"amount":null,"duration":null,"strategy":null})"));
  EXPECT_FALSE(limit.at("result").at("enabled").as_bool());
  EXPECT_EQ(call_json("GET", "/billing/topup/config").at("result"),
            json::parse(R"({"amount":null,"disabledReason":null,"error":null,"lastFailedAt":null,)"
                        R"("threshold":null})"));
  EXPECT_EQ(call("POST", "/billing/spending-limit",
                 R"({"amount":50,"duration":"monthly","strategy":"fixed"})")
                .status,
            400);
  EXPECT_EQ(call("POST", "/billing/spending-limit",
                 R"({"amount":500,"duration":"monthly","strategy":"fixed"})")
                .status,
            200);
  limit = call_json("GET", "/billing/spending-limit");
  EXPECT_EQ(limit.at("result").at("config").at("amount").as_int64(), 500);
  EXPECT_EQ(call("DELETE", "/billing/spending-limit").status, 200);
  EXPECT_EQ(call("POST", "/billing/topup/config", R"({"amount":1000,"threshold":100})").status, 400);
  EXPECT_EQ(call("GET", "/billing/usage-history").status, 400);
}

TEST_F(HandlerTest, NoInputCrashesIt) {
  create_gateway("gw1");
  const auto created = call_json(
      "POST", "/gateways/gw1/routes",
      R"({"name":"r","elements":[{"id":"s","type":"start","outputs":{"next":{"elementId":"s"}}}]})");
  const std::string route(created.at("result").at("id").as_string());
  const std::vector<std::string> paths = {
      "/gateways", "/gateways/gw1", "/gateways/gw1/datasets", "/gateways/gw1/datasets/x",
      "/gateways/gw1/routes", "/gateways/gw1/routes/" + route,
      "/gateways/gw1/routes/" + route + "/versions", "/gateways/gw1/routes/" + route + "/deployments",
      "/gateways/gw1/provider_configs", "/gateways/gw1/evaluations", "/gateways/gw1/logs",
      "/gateways/gw1/url/x", "/evaluation-types", "/billing/spending-limit", "/billing/topup/config",
      "/billing/topup", "/billing/topup/status", "/billing/credit-balance", "//", "/gateways/gw1/a/b/c/d/e"};
  const std::vector<std::string> bodies = {
      "", "null", "[]", "1", "\"s\"", "{", std::string(100, '['), "{\"name\":5}",
      R"({"name":"n","elements":[1,{},null],"enable":"x","filters":[{}],"amount":1e308})",
      R"({"id":"","cache_ttl":null,"elements":{"a":1},"version_id":7,"dataset_ids":[1]})",
      R"({"alias":"a","provider_slug":"p","default_config":1,"threshold":-1,"duration":[]})",
      std::string("{\"\xff\xfe\":1}")};
  for (const auto* method : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "BREW"}) {
    for (const auto& path : paths) {
      for (const auto& body : bodies) {
        const Response response = call(method, path, body, {{"page", "-1"}, {"per_page", "x"}});
        EXPECT_LT(response.status, 500) << method << " " << path << " " << body;
        EXPECT_NO_THROW((void)json::parse(response.body));
      }
    }
  }
}

const std::string k_gateway_body =
    R"("cache_invalidate_on_update":false,"cache_ttl":0,"collect_logs":true,)"
    R"("rate_limiting_interval":0,"rate_limiting_limit":0)";

TEST_F(HandlerTest, NonFiniteNumbersAreRejectedAndListsStayValidJson) {
  EXPECT_EQ(call("POST", "/gateways",
                 R"({"id":"gw1","cache_invalidate_on_update":false,"cache_ttl":1e400,)"
                 R"("collect_logs":true,"rate_limiting_interval":0,"rate_limiting_limit":0})")
                .status,
            400);
  create_gateway("gw1");
  EXPECT_EQ(call("PUT", "/gateways/gw1", "{" + k_gateway_body + R"(,"retry_delay":-1e999})").status,
            400);
  EXPECT_EQ(call("POST", "/billing/spending-limit",
                 R"({"amount":1e400,"duration":"monthly","strategy":"fixed"})")
                .status,
            400);
  EXPECT_EQ(call("POST", "/billing/topup/config", R"({"amount":1e400,"threshold":500})").status, 400);
  EXPECT_EQ(call("POST", "/billing/topup", R"({"amount":1e400})").status, 400);
  const Response list = call("GET", "/gateways");
  EXPECT_EQ(list.body.find("Infinity"), std::string::npos);
  EXPECT_NO_THROW((void)json::parse(list.body));
}

TEST_F(HandlerTest, RepeatedKeysAreRejected) {
  const Response response = call("POST", "/gateways",
                                 R"({"id":"a","id":"b",)" + k_gateway_body + "}");
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("duplicate key 'id'"), std::string::npos);
  EXPECT_EQ(call("GET", "/gateways/a").status, 404);
  EXPECT_EQ(call("GET", "/gateways/b").status, 404);
}

TEST_F(HandlerTest, NullsOnlyWhereTheReferenceAllowsThem) {
  create_gateway("gw1");
  for (const char* field : {"authentication", "logpush", "zdr", "workers_ai_billing_mode", "dlp"}) {
    EXPECT_EQ(call("PUT", "/gateways/gw1", "{" + k_gateway_body + ",\"" + field + "\":null}").status,
              400)
        << field;
  }
  EXPECT_EQ(call("PUT", "/gateways/gw1",
                 "{" + k_gateway_body + R"(,"retry_delay":null,"otel":null,"guardrails":null})")
                .status,
            200);
  EXPECT_EQ(call("POST", "/billing/spending-limit",
                 R"({"amount":null,"duration":"monthly","strategy":"fixed"})")
                .status,
            400);
  EXPECT_EQ(call("POST", "/billing/topup/config", R"({"amount":null,"threshold":500})").status, 400);
}

TEST_F(HandlerTest, PutChecksNestedGatewayObjects) {
  create_gateway("gw1");
  const auto put = [&](const std::string& extra) {
    return call("PUT", "/gateways/gw1", "{" + k_gateway_body + "," + extra + "}").status;
  };
  EXPECT_EQ(put(R"("dlp":{"action":"DROP","enabled":true,"profiles":[]})"), 400);
  EXPECT_EQ(put(R"("otel":[{"authorization":"a","headers":{},"url":"https://o.example","content_type":"xml"}])"), 400);
  EXPECT_EQ(put(R"("otel":["exporter"])"), 400);
  EXPECT_EQ(put(R"("otel":[{"authorization":"a","headers":{},"url":"not a url"}])"), 400);
  EXPECT_EQ(put(R"("stripe":{"authorization":"a","usage_events":{}})"), 400);
  EXPECT_EQ(put(R"("guardrails":{})"), 400);
  EXPECT_NE(call("PUT", "/gateways/gw1", "{" + k_gateway_body + R"(,"guardrails":{}})")
                .body.find("'guardrails' must have 'prompt' or 'response'"),
            std::string::npos);
  EXPECT_EQ(put(R"("retry_max_attempts":2.5)"), 400);
  EXPECT_EQ(put(R"("dlp":{"action":"FLAG","enabled":true,"profiles":["p"]},)"
                R"("otel":[{"authorization":"a","headers":{"h":"v"},"url":"https://o.example/v1"}],)"
                R"("stripe":{"authorization":"a","usage_events":[{"payload":"p"}]},)"
                R"("guardrails":{"prompt":{"S1":"BLOCK"}},"retry_max_attempts":2)"),
            200);
}

TEST_F(HandlerTest, FractionalCentsAreRejected) {
  EXPECT_EQ(call("POST", "/billing/spending-limit",
                 R"({"amount":100.5,"duration":"monthly","strategy":"fixed"})")
                .status,
            400);
  EXPECT_EQ(call("POST", "/billing/topup", R"({"amount":1000.25})").status, 400);
  EXPECT_EQ(call("POST", "/billing/topup", R"({"amount":1000})").status, 200);
}

TEST_F(HandlerTest, BillingObjectsCarryTheirDocumentedFields) {
  ASSERT_EQ(call("POST", "/billing/topup/config", R"({"amount":5000,"threshold":500})").status, 200);
  EXPECT_EQ(call_json("GET", "/billing/topup/config").at("result"),
            json::parse(R"({"amount":5000,"disabledReason":null,"error":null,"lastFailedAt":null,)"
                        R"("threshold":500})"));
  ASSERT_EQ(call("DELETE", "/billing/topup/config").status, 200);
  const auto balance = call_json("GET", "/billing/credit-balance").at("result");
  EXPECT_TRUE(balance.at("topup_config").is_object());
  EXPECT_TRUE(balance.at("topup_config").at("amount").is_null());
}

TEST_F(HandlerTest, ProviderConfigAlwaysHasSecretId) {
  create_gateway("gw1");
  const auto created = call_json("POST", "/gateways/gw1/provider_configs",
                                 R"({"provider_slug":"openai","alias":"main","default_config":true,)"
                                 R"("secret":"sk-abcdefghijklmnopqrstuvwxyz"})");
  EXPECT_EQ(created.at("result").at("secret_id").as_string(), "");
}

TEST_F(HandlerTest, HeadAnswersHeadersOnlyAnd405NamesTheAllowedMethods) {
  create_gateway("gw1");
  const Response head = call("HEAD", "/gateways/gw1");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.head_only);
  const Response refused = call("PATCH", "/gateways/gw1", "{}");
  EXPECT_EQ(refused.status, 405);
  ASSERT_EQ(refused.headers.size(), 1U);
  EXPECT_EQ(refused.headers[0].first, "Allow");
  EXPECT_EQ(refused.headers[0].second, "GET, PUT, DELETE");
  EXPECT_EQ(call("PUT", "/billing/spending-limit", "{}").headers[0].second, "GET, POST, DELETE");
}

TEST_F(HandlerTest, IdsWithSlashesAndMultibyteCharacters) {
  ASSERT_EQ(call("POST", "/gateways", R"({"id":"team/a",)" + k_gateway_body + "}").status, 200);
  EXPECT_EQ(call("GET", "/gateways/team%2Fa").status, 200);
  EXPECT_EQ(call("GET", "/gateways/team/a").status, 404);
  EXPECT_EQ(call("DELETE", "/gateways/team%2fa").status, 200);
  std::string id;
  for (int i = 0; i < 64; ++i) {
    id += "\xc3\xa9"; // 64 characters, 128 bytes
  }
  EXPECT_EQ(call("POST", "/gateways", R"({"id":")" + id + R"(",)" + k_gateway_body + "}").status, 200);
  EXPECT_EQ(call("POST", "/gateways", R"({"id":")" + id + R"(x",)" + k_gateway_body + "}").status,
            400);
}

TEST_F(HandlerTest, OnlyTheGivenAccountsAreReachable) {
  m_store.set_accessible_accounts({"acc1"});
  EXPECT_EQ(call("GET", "/gateways").status, 200);
  Request other{.method = "GET", .path = "/client/v4/accounts/acc2/ai-gateway/gateways",
                .headers = {{"authorization", "Bearer token-1234"}}};
  const Response refused = handle(m_store, other);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("9109"), std::string::npos);
}

TEST_F(HandlerTest, QueryParametersAreValidated) {
  create_gateway("gw1");
  EXPECT_EQ(call("GET", "/gateways/gw1/logs", "", {{"direction", "sideways"}}).status, 400);
  EXPECT_EQ(call("GET", "/gateways/gw1/logs", "", {{"feedback", "2"}}).status, 400);
  EXPECT_EQ(call("GET", "/gateways/gw1/logs", "", {{"start_date", "notadate"}}).status, 400);
  EXPECT_EQ(call("DELETE", "/gateways/gw1/logs", "", {{"order_by_direction", "up"}}).status, 400);
  EXPECT_EQ(call("GET", "/evaluation-types", "", {{"order_by_direction", "up"}}).status, 400);
  EXPECT_EQ(call("GET", "/billing/usage-history", "",
                 {{"value_grouping_window", "day"}, {"start_time", "yesterday"}})
                .status,
            400);
  EXPECT_EQ(call("GET", "/gateways/gw1/datasets", "", {{"enable", "maybe"}}).status, 400);
  EXPECT_EQ(call("GET", "/gateways/gw1/logs", "",
                 {{"direction", "desc"}, {"feedback", "1"}, {"start_date", "2026-01-01T00:00:00Z"}})
                .status,
            200);
}

TEST_F(HandlerTest, GatewayEndpointTakesAnyInputWithoutCrashing) {
  create_gateway("gw1");
  const std::vector<std::string> paths = {
      "/v1", "/v1/acc1", "/v1/acc1/gw1", "/v1/acc1/gw1/openai", "/v1/acc1/gw1/openai/chat/completions",
      "/v1/acc1/nope/openai/x", "/v1/other/gw1/openai/x", "/v1/acc1/gw1/openai/%ZZ/%2F"};
  const std::vector<std::string> bodies = {"", "null", "[]", "{", R"({"model":5})",
                                           R"({"model":"m","messages":[]})", std::string(100, '[')};
  for (const auto* method : {"GET", "POST", "PUT", "DELETE", "HEAD", "BREW"}) {
    for (const auto& path : paths) {
      for (const auto& body : bodies) {
        Request request{.method = method, .path = path, .body = body};
        const Response response = handle(m_store, request);
        EXPECT_LT(response.status, 500) << method << " " << path << " " << body;
        EXPECT_NO_THROW((void)json::parse(response.body));
      }
    }
  }
  Request head{.method = "HEAD", .path = "/v1/acc1/gw1/openai/models"};
  const Response answered = handle(m_store, head);
  EXPECT_EQ(answered.status, 200);
  EXPECT_TRUE(answered.head_only);
  // Every logged request is listed, and each log's fields are valid JSON values.
  const auto logs = call_json("GET", "/gateways/gw1/logs", "", {{"per_page", "1"}});
  EXPECT_GT(logs.at("result_info").at("total_count").to_number<std::uint64_t>(), 0U);
}

} // namespace
} // namespace aigw::emulator
