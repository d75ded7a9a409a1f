// The port sends exactly the body the engine gives it: what a create accepts (and the
// defaults it needs) is applied once, by engine::create_body, and not filtered again on the
// way out. Checked on the wire, against a loopback server that records the request.

#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/json_codec.h"
#include "cloudflare/test_http_server.h"
#include "cloudflare/test_options.h"
#include "engine/diff.h"

#include <gtest/gtest.h>

#include <mutex>

namespace aigw::cloudflare {
namespace {

using model::ResourceKind;

/// Answers every request with `result`, remembering the last request's body.
class RecordingServer {
public:
  explicit RecordingServer(std::string result)
      : m_server([this, result](const test::TestRequest& r) {
          const std::lock_guard lock(m_mutex);
          m_body = r.body;
          return test::TestReply{.body = R"({"success":true,"errors":[],"result":)" + result + "}"};
        }) {}

  [[nodiscard]] std::unique_ptr<CloudflareGatewayApi> client() const {
    auto options = test::test_client_options("http://127.0.0.1:" +
                                             std::to_string(m_server.port()) + "/client/v4");
    auto transport = ApiTransport::create(options);
    EXPECT_TRUE(transport.ok());
    return std::make_unique<CloudflareGatewayApi>(std::move(transport).value(),
                                                  options.account_id);
  }

  [[nodiscard]] model::Value body() const {
    const std::lock_guard lock(m_mutex);
    auto parsed = parse_json(m_body);
    EXPECT_TRUE(parsed.ok()) << m_body;
    return parsed.ok() ? parsed.value() : model::Value();
  }

private:
  mutable std::mutex m_mutex;
  std::string m_body;
  test::TestHttpServer m_server;
};

TEST(PortBody, AGatewayCreateSendsTheEngineBodyUnchanged) {
  // Declared: a field create refuses (guardrails), one aigw does not know (kept, as every
  // unknown field is), and no collect_logs (a required create field: the engine fills it).
  const model::Object declared{{"cache_ttl", 60},
                               {"guardrails", model::Object{{"prompt", model::Object{{"S1", "BLOCK"}}}}},
                               {"future_setting", true}};
  const auto body = engine::create_body(ResourceKind::gateway, declared);
  ASSERT_FALSE(body.contains("guardrails"));
  ASSERT_TRUE(body.contains("collect_logs"));

  RecordingServer server(R"({"id":"gw"})");
  ASSERT_TRUE(server.client()->create_gateway({"gw", body, {}}).ok());
  model::Object expected = body;
  expected.emplace("id", "gw");
  EXPECT_EQ(server.body(), model::Value(expected));
}

TEST(PortBody, AGatewayCreateDoesNotDropWhatTheEngineChoseToSend) {
  // The engine decides; a body holding a field create refuses goes out as it is.
  const model::Object body{{"dlp", model::Object{{"enabled", false}}}, {"cache_ttl", 0}};
  RecordingServer server(R"({"id":"gw"})");
  ASSERT_TRUE(server.client()->create_gateway({"gw", body, {}}).ok());
  EXPECT_EQ(server.body(), model::Value(model::Object{{"id", "gw"},
                                                      {"dlp", model::Object{{"enabled", false}}},
                                                      {"cache_ttl", 0}}));
}

TEST(PortBody, ADatasetCreateSendsTheEngineBodyAndItsName) {
  const auto body = engine::create_body(ResourceKind::dataset, {{"enable", true}});
  ASSERT_TRUE(body.contains("filters")); // the engine's create default

  RecordingServer server(R"({"id":"d1","name":"failures","enable":true,"filters":[]})");
  model::Dataset dataset{"gw", "failures", "", body, {}};
  ASSERT_TRUE(server.client()->create_dataset(dataset).ok());
  model::Object expected = body;
  expected.emplace("name", "failures");
  EXPECT_EQ(server.body(), model::Value(expected));
}

} // namespace
} // namespace aigw::cloudflare
