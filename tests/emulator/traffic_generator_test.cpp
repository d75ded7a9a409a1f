// The --traffic stream: nothing without gateways, requests the gateway endpoint logs, routes
// addressed as dynamic/<name>, failures among them, and the same seed giving the same stream.

#include "emulator/handler.h"
#include "emulator/traffic_generator.h"

#include <gtest/gtest.h>

#include <set>

namespace aigw::emulator {
namespace {

const std::string k_base = "/client/v4/accounts/acc1/ai-gateway";

Response call(Store& store, const std::string& method, const std::string& path,
              const std::string& body) {
  Request request{.method = method, .path = k_base + path, .query = {},
                  .headers = {{"authorization", "Bearer token-1234"}}, .body = body};
  return handle(store, request);
}

/// Gateways gw1 (with route chat) and gw2.
Store two_gateways() {
  Store store;
  for (const std::string id : {"gw1", "gw2"}) {
    EXPECT_EQ(call(store, "POST", "/gateways",
                   R"({"id":")" + id + R"(","cache_invalidate_on_update":false,"cache_ttl":0,)"
                   R"("collect_logs":true,"rate_limiting_interval":0,"rate_limiting_limit":0})")
                  .status,
              200);
  }
  EXPECT_EQ(call(store, "POST", "/gateways/gw1/routes",
                 R"({"name":"chat","elements":[)"
                 R"({"id":"start","type":"start","outputs":{"next":{"elementId":"end"}}},)"
                 R"({"id":"end","type":"end","outputs":{}}]})")
                .status,
            200);
  return store;
}

TEST(TrafficGenerator, NothingWithoutGateways) {
  Store store;
  std::mt19937_64 random(1);
  EXPECT_FALSE(next_traffic_request(store, random).has_value());
}

TEST(TrafficGenerator, RequestsSpreadOverGatewaysAndRoutesAndAreLogged) {
  Store store = two_gateways();
  std::mt19937_64 random(7);
  std::set<std::string> paths;
  int through_route = 0;
  int failed = 0;
  for (int i = 0; i < 400; ++i) {
    auto request = next_traffic_request(store, random);
    ASSERT_TRUE(request.has_value());
    paths.insert(request->path);
    through_route += request->body.find("\"dynamic/chat\"") != std::string::npos ? 1 : 0;
    const Response response = handle(store, *request);
    failed += response.status == 400 ? 1 : 0;
    EXPECT_TRUE(response.status == 200 || response.status == 400) << response.body;
  }
  EXPECT_EQ(paths, (std::set<std::string>{"/v1/acc1/gw1/compat/chat/completions",
                                          "/v1/acc1/gw1/openai/chat/completions",
                                          "/v1/acc1/gw2/openai/chat/completions"}));
  EXPECT_GT(through_route, 50);
  EXPECT_GT(failed, 0);
  EXPECT_LT(failed, 60);
  std::size_t logged = 0;
  for (const auto& gateway : store.account("acc1").gateways) {
    logged += gateway.logs.size();
  }
  EXPECT_EQ(logged, 400U);
}

TEST(TrafficGenerator, SameSeedSameStream) {
  const Store store = two_gateways();
  std::mt19937_64 a(3);
  std::mt19937_64 b(3);
  for (int i = 0; i < 50; ++i) {
    const auto x = next_traffic_request(store, a);
    const auto y = next_traffic_request(store, b);
    ASSERT_TRUE(x && y);
    EXPECT_EQ(x->path, y->path);
    EXPECT_EQ(x->body, y->body);
  }
}

} // namespace
} // namespace aigw::emulator
