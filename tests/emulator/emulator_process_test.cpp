// Integration tests: `aigw emulator` as a real process on an ephemeral loopback port,
// driven over HTTP.

#include "http_client.h"
#include "support/emulator_process.h"
#include "support/process.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <set>
#include <sstream>

namespace aigw::test {
namespace {
namespace json = boost::json;

const std::string k_base = "/client/v4/accounts/acc1/ai-gateway";
const std::string k_gateway_fields = R"("cache_invalidate_on_update":false,"cache_ttl":0,)"
                                     R"("collect_logs":true,"rate_limiting_interval":0,)"
                                     R"("rate_limiting_limit":0)";
const std::string k_elements = R"([{"id":"start","type":"start","outputs":{"next":{"elementId":"end"}}},)"
                               R"({"id":"end","type":"end","outputs":{}}])";

struct Client {
  const EmulatorProcess& emulator;
  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "") const {
    return http_request(emulator.host(), emulator.port(), method, k_base + path, body);
  }
  json::object ok(const std::string& method, const std::string& path, const std::string& body = "") const {
    const HttpResult result = call(method, path, body);
    EXPECT_EQ(result.status, 200) << method << " " << path << ": " << result.body;
    EXPECT_EQ(result.headers.count("content-type") ? result.headers.at("content-type") : "",
              "application/json");
    auto parsed = json::parse(result.body).as_object();
    EXPECT_TRUE(parsed.at("success").as_bool());
    return parsed;
  }
  void expect_error(int status, const std::string& method, const std::string& path,
                    const std::string& body = "") const {
    const HttpResult result = call(method, path, body);
    EXPECT_EQ(result.status, status) << method << " " << path << ": " << result.body;
    const auto parsed = json::parse(result.body).as_object();
    EXPECT_FALSE(parsed.at("success").as_bool());
    EXPECT_FALSE(parsed.at("errors").as_array().empty());
    EXPECT_TRUE(parsed.at("errors").as_array()[0].as_object().contains("code"));
  }
  void create_gateway(const std::string& id) const {
    ok("POST", "/gateways", R"({"id":")" + id + R"(",)" + k_gateway_fields + "}");
  }
};

TEST(EmulatorProcessTest, ServesEveryEndpoint) {
  EmulatorProcess emulator;
  const Client c{emulator};
  c.create_gateway("gw1");
  c.ok("GET", "/gateways/gw1");
  c.ok("PUT", "/gateways/gw1", "{" + k_gateway_fields + R"(,"guardrails":{"prompt":{"S1":"BLOCK"}}})");
  EXPECT_EQ(c.ok("GET", "/gateways").at("result").as_array().size(), 1U);

  const auto dataset = c.ok("POST", "/gateways/gw1/datasets", R"({"name":"d","enable":true,"filters":[]})");
  const std::string dataset_id(dataset.at("result").at("id").as_string());
  c.ok("GET", "/gateways/gw1/datasets");
  c.ok("GET", "/gateways/gw1/datasets/" + dataset_id);
  c.ok("PUT", "/gateways/gw1/datasets/" + dataset_id, R"({"name":"d","enable":false,"filters":[]})");

  EXPECT_EQ(c.ok("GET", "/evaluation-types").at("result").as_array().size(), 3U);
  const auto evaluation = c.ok("POST", "/gateways/gw1/evaluations",
                               R"({"name":"e","dataset_ids":[")" + dataset_id +
                                   R"("],"evaluation_type_ids":["cost"]})");
  const std::string evaluation_id(evaluation.at("result").at("id").as_string());
  c.ok("GET", "/gateways/gw1/evaluations");
  c.ok("GET", "/gateways/gw1/evaluations/" + evaluation_id);
  c.ok("DELETE", "/gateways/gw1/evaluations/" + evaluation_id);

  EXPECT_TRUE(c.ok("GET", "/gateways/gw1/logs").at("result").as_array().empty());
  c.expect_error(404, "GET", "/gateways/gw1/logs/x");
  c.expect_error(404, "PATCH", "/gateways/gw1/logs/x", R"({"feedback":1})");
  c.expect_error(404, "GET", "/gateways/gw1/logs/x/request");
  c.expect_error(404, "GET", "/gateways/gw1/logs/x/response");
  const HttpResult completion =
      http_request(emulator.host(), emulator.port(), "POST", "/v1/acc1/gw1/openai/chat/completions",
                   R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})",
                   {{"Authorization", "Bearer sk-provider-key"}});
  ASSERT_EQ(completion.status, 200) << completion.body;
  const std::string log_id = completion.headers.at("cf-aig-log-id");
  EXPECT_EQ(c.ok("GET", "/gateways/gw1/logs").at("result").as_array().size(), 1U);
  EXPECT_EQ(c.ok("GET", "/gateways/gw1/logs/" + log_id).at("result").at("model").as_string(), "gpt-4o-mini");
  c.ok("PATCH", "/gateways/gw1/logs/" + log_id, R"({"feedback":1,"score":90,"metadata":{"k":"v"}})");
  const HttpResult request = c.call("GET", "/gateways/gw1/logs/" + log_id + "/request");
  EXPECT_EQ(request.status, 200);
  EXPECT_EQ(json::parse(request.body).at("model").as_string(), "gpt-4o-mini");
  const HttpResult response = c.call("GET", "/gateways/gw1/logs/" + log_id + "/response");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(json::parse(response.body).at("object").as_string(), "chat.completion");
  c.ok("DELETE", "/gateways/gw1/logs");
  EXPECT_TRUE(c.ok("GET", "/gateways/gw1/logs").at("result").as_array().empty());

  c.ok("POST", "/gateways/gw1/provider_configs",
       R"({"provider_slug":"openai","alias":"a","default_config":true,"secret":"sk-0123456789abcdefgh"})");
  EXPECT_EQ(c.ok("GET", "/gateways/gw1/provider_configs").at("result").as_array().size(), 1U);

  const auto route = c.ok("POST", "/gateways/gw1/routes", R"({"name":"r","elements":)" + k_elements + "}");
  const std::string route_id(route.at("result").at("id").as_string());
  c.ok("GET", "/gateways/gw1/routes/" + route_id);
  c.ok("PATCH", "/gateways/gw1/routes/" + route_id, R"({"name":"r2"})");
  c.ok("POST", "/gateways/gw1/routes/" + route_id + "/versions", R"({"elements":)" + k_elements + "}");
  const auto versions = c.ok("GET", "/gateways/gw1/routes/" + route_id + "/versions");
  const auto& version_list = versions.at("data").at("versions").as_array();
  ASSERT_EQ(version_list.size(), 2U);
  const std::string version_id(version_list[1].at("version_id").as_string());
  c.ok("GET", "/gateways/gw1/routes/" + route_id + "/versions/" + version_id);
  c.ok("POST", "/gateways/gw1/routes/" + route_id + "/deployments",
       R"({"version_id":")" + version_id + R"("})");
  EXPECT_EQ(c.ok("GET", "/gateways/gw1/routes/" + route_id + "/deployments")
                .at("data").at("deployments").as_array().size(),
            2U);
  EXPECT_EQ(c.ok("GET", "/gateways/gw1/routes").at("data").at("routes").as_array().size(), 1U);
  c.ok("DELETE", "/gateways/gw1/routes/" + route_id);

  EXPECT_EQ(c.ok("GET", "/gateways/gw1/url/openai").at("result").as_string(),
            "https://gateway.ai.cloudflare.com/v1/acc1/gw1/openai");

  c.ok("GET", "/billing/credit-balance");
  c.ok("GET", "/billing/usage-history?value_grouping_window=day");
  c.ok("GET", "/billing/invoice-history");
  c.ok("GET", "/billing/invoice-preview");
  const auto topup = c.ok("POST", "/billing/topup", R"({"amount":2000})");
  c.ok("POST", "/billing/topup/status",
       R"({"payment_intent_id":")" + std::string(topup.at("result").at("payment_intent_id").as_string()) + R"("})");
  EXPECT_EQ(c.ok("GET", "/billing/credit-balance").at("result").at("balance").as_int64(), 2000);
  c.ok("POST", "/billing/topup/config", R"({"amount":1000,"threshold":500})");
  EXPECT_EQ(c.ok("GET", "/billing/topup/config").at("result").at("threshold").as_int64(), 500);
  c.ok("DELETE", "/billing/topup/config");
  c.ok("POST", "/billing/spending-limit", R"({"amount":100,"duration":"daily","strategy":"sliding"})");
  EXPECT_TRUE(c.ok("GET", "/billing/spending-limit").at("result").at("enabled").as_bool());
  c.ok("DELETE", "/billing/spending-limit");

  c.ok("DELETE", "/gateways/gw1/datasets/" + dataset_id);
  c.ok("DELETE", "/gateways/gw1");
  EXPECT_EQ(emulator.stop(), 0);
  EXPECT_NE(emulator.stderr_text().find("DELETE /client/v4/accounts/acc1/ai-gateway/gateways/gw1 200"),
            std::string::npos);
}

TEST(EmulatorProcessTest, ErrorCases) {
  EmulatorProcess emulator;
  const Client c{emulator};
  EXPECT_EQ(http_request(emulator.host(), emulator.port(), "GET", k_base + "/gateways", "", {}).status, 401);
  EXPECT_EQ(http_request(emulator.host(), emulator.port(), "GET", k_base + "/gateways", "",
                         {{"X-Auth-Email", "me@example.com"}, {"X-Auth-Key", "key"}, {"X-Unknown", "1"}})
                .status,
            200);
  c.expect_error(400, "POST", "/gateways", "{oops");
  c.expect_error(400, "POST", "/gateways", R"({"id":")" + std::string(65, 'a') + R"(",)" + k_gateway_fields + "}");
  c.expect_error(400, "POST", "/gateways", R"({"id":"x","cache_ttl":-1})");
  c.create_gateway("gw1");
  c.expect_error(409, "POST", "/gateways", R"({"id":"gw1",)" + k_gateway_fields + "}");
  c.expect_error(404, "GET", "/gateways/missing");
  c.expect_error(404, "GET", "/gateways/gw1/routes/missing");
  c.expect_error(400, "GET", "/gateways?per_page=0");
  c.expect_error(400, "PUT", "/gateways/gw1", R"({"cache_ttl":1})");
  const HttpResult too_big =
      c.call("POST", "/gateways", R"({"id":"big","pad":")" + std::string(2 * 1024 * 1024, 'x') + R"("})");
  EXPECT_EQ(too_big.status, 413);
  const std::string garbage = raw_exchange(emulator.host(), emulator.port(), "NOT HTTP AT ALL\r\n\r\n");
  EXPECT_NE(garbage.find("400"), std::string::npos) << garbage;
  // Still serving after every bad input.
  c.ok("GET", "/gateways/gw1");
}

TEST(EmulatorProcessTest, KeepAliveAndRepeatedQueryKeys) {
  EmulatorProcess emulator;
  HttpConnection connection(emulator.host(), emulator.port());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(connection.send("GET", k_base + "/gateways").status, 200);
  }
  const HttpResult filtered = connection.send(
      "GET", k_base + "/gateways/none/logs?filters.key=model&filters.operator=eq&filters.value=a&filters.value=b");
  EXPECT_EQ(filtered.status, 404);
}

TEST(EmulatorProcessTest, PagesAcrossSeveralPages) {
  EmulatorProcess emulator;
  const Client c{emulator};
  for (int i = 0; i < 45; ++i) {
    c.create_gateway("gw-" + std::to_string(100 + i));
  }
  std::vector<std::string> seen;
  for (int page = 1; page < 10; ++page) {
    const auto body = c.ok("GET", "/gateways?per_page=20&page=" + std::to_string(page));
    const auto& items = body.at("result").as_array();
    EXPECT_EQ(body.at("result_info").at("total_count").to_number<std::uint64_t>(), 45U);
    if (items.empty()) {
      break;
    }
    for (const auto& item : items) {
      seen.emplace_back(item.at("id").as_string());
    }
  }
  ASSERT_EQ(seen.size(), 45U);
  EXPECT_EQ(seen.front(), "gw-100");
  EXPECT_EQ(seen.back(), "gw-144");
  EXPECT_EQ(c.ok("GET", "/gateways").at("result_info").at("page").to_number<std::uint64_t>(), 1U);
}

TEST(EmulatorProcessTest, StateSurvivesRestart) {
  TempDir dir;
  const std::string state = dir.path() + "/state.json";
  {
    EmulatorProcess emulator({"--state", state});
    const Client c{emulator};
    c.create_gateway("kept");
    c.ok("POST", "/gateways/kept/routes", R"({"name":"r","elements":)" + k_elements + "}");
    c.ok("POST", "/billing/spending-limit", R"({"amount":100,"duration":"daily","strategy":"fixed"})");
    EXPECT_EQ(emulator.stop(), 0);
  }
  EmulatorProcess emulator({"--state", state});
  const Client c{emulator};
  c.ok("GET", "/gateways/kept");
  EXPECT_EQ(c.ok("GET", "/gateways/kept/routes").at("data").at("routes").as_array().size(), 1U);
  EXPECT_TRUE(c.ok("GET", "/billing/spending-limit").at("result").at("enabled").as_bool());
}

TEST(EmulatorProcessTest, CorruptStateFileIsAnErrorAndUntouched) {
  TempDir dir;
  const std::string content = "{\"format_version\": 1, \"accounts\": [tru";
  const std::string state = dir.write("state.json", content);
  const ProcessResult result = run_process({aigw_binary(), "emulator", "--listen", "127.0.0.1:0",
                                            "--state", state},
                                           {.timeout = std::chrono::seconds(20)});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("corrupt"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
  std::ifstream in(state);
  std::stringstream now;
  now << in.rdbuf();
  EXPECT_EQ(now.str(), content);
}

std::vector<int> status_sequence(const std::string& seed) {
  EmulatorProcess emulator({"--fault-rate", "0.5", "--seed", seed});
  std::vector<int> statuses;
  for (int i = 0; i < 40; ++i) {
    statuses.push_back(http_request(emulator.host(), emulator.port(), "GET", k_base + "/gateways").status);
  }
  return statuses;
}

TEST(EmulatorProcessTest, FaultsRepeatWithTheSameSeed) {
  const auto first = status_sequence("42");
  EXPECT_EQ(first, status_sequence("42"));
  EXPECT_NE(first, status_sequence("43"));
  std::set<int> kinds(first.begin(), first.end());
  EXPECT_TRUE(kinds.count(200));
  EXPECT_GE(kinds.size(), 3U);
}

TEST(EmulatorProcessTest, RejectedFaultsChangeNothing) {
  TempDir dir;
  const std::string state = dir.path() + "/s.json";
  {
    EmulatorProcess emulator({"--fault-rate", "1", "--state", state});
    const HttpResult result = Client{emulator}.call("POST", "/gateways", R"({"id":"gw",)" + k_gateway_fields + "}");
    EXPECT_NE(result.status, 200);
    if (result.status == 429) {
      EXPECT_EQ(result.headers.at("retry-after"), "1");
    }
  }
  EmulatorProcess emulator({"--state", state});
  Client{emulator}.expect_error(404, "GET", "/gateways/gw");
}

TEST(EmulatorProcessTest, LostResponseModeAppliesTheWrite) {
  TempDir dir;
  const std::string state = dir.path() + "/s.json";
  {
    EmulatorProcess emulator({"--fault-rate", "1", "--fault-mode", "lost-response", "--state", state});
    const HttpResult result = Client{emulator}.call("POST", "/gateways", R"({"id":"gw",)" + k_gateway_fields + "}");
    EXPECT_EQ(result.status, 0);
  }
  EmulatorProcess emulator({"--state", state});
  Client{emulator}.ok("GET", "/gateways/gw");
}

TEST(EmulatorProcessTest, LatencyDelaysResponses) {
  EmulatorProcess emulator({"--latency", "200"});
  const auto start = std::chrono::steady_clock::now();
  Client{emulator}.ok("GET", "/gateways");
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
}

// The request log is written before the answer: a client finds each request it has an
// answer to already logged, without waiting (issue: a test reading the log right after
// aigw exited missed lines, and saw requests logged out of the order they were served).
TEST(EmulatorProcessTest, AnAnsweredRequestIsAlreadyInTheLog) {
  EmulatorProcess emulator;
  const Client c{emulator};
  for (int i = 0; i < 100; ++i) {
    const std::string path = "/gateways/probe-" + std::to_string(i);
    EXPECT_EQ(c.call("GET", path).status, 404);
    ASSERT_NE(emulator.stderr_text().find("GET " + k_base + path + " 404 "), std::string::npos)
        << "request " << i << " answered but not logged";
  }
}

HttpResult completion(const EmulatorProcess& emulator, const std::string& gateway,
                      const std::string& body, std::map<std::string, std::string> headers = {}) {
  headers["Content-Type"] = "application/json";
  return http_request(emulator.host(), emulator.port(), "POST",
                      "/v1/acc1/" + gateway + "/openai/chat/completions", body, headers);
}

// The gateway endpoint records one log per request with the documented fields, so the logs
// list can be counted with per_page=1 and filtered on success and dates.
TEST(EmulatorProcessTest, GatewayEndpointRecordsFilterableLogs) {
  EmulatorProcess emulator;
  const Client c{emulator};
  c.create_gateway("gw1");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(completion(emulator, "gw1", R"({"model":"gpt-4o-mini","messages":[]})",
                         {{"cf-aig-metadata", R"({"team":"a"})"}})
                  .status,
              200);
  }
  EXPECT_EQ(completion(emulator, "gw1", "not json").status, 400);
  EXPECT_EQ(completion(emulator, "gw1", "{}", {{"cf-aig-collect-log", "false"}}).status, 200);
  EXPECT_EQ(completion(emulator, "missing", "{}").status, 404);

  const auto count = [&](const std::string& query) {
    const auto body = c.ok("GET", "/gateways/gw1/logs?per_page=1&" + query);
    EXPECT_LE(body.at("result").as_array().size(), 1U);
    return body.at("result_info").at("total_count").to_number<std::uint64_t>();
  };
  EXPECT_EQ(count(""), 4U);
  EXPECT_EQ(count("success=true"), 3U);
  EXPECT_EQ(count("success=false"), 1U);
  EXPECT_EQ(count("filters[0][key]=success&filters[0][operator]=eq&filters[0][value][0]=false"), 1U);
  EXPECT_EQ(count("start_date=2000-01-01T00:00:00Z&end_date=2999-01-01"), 4U);
  EXPECT_EQ(count("start_date=2999-01-01T00:00:00Z"), 0U);
  EXPECT_EQ(count("model=gpt-4o-mini&provider=openai"), 3U);
  c.expect_error(400, "GET", "/gateways/gw1/logs?start_date=notadate");

  const auto newest = c.ok("GET", "/gateways/gw1/logs?per_page=1").at("result").as_array()[0].as_object();
  for (const char* field : {"id", "cached", "created_at", "duration", "model", "path", "provider",
                            "success", "tokens_in", "tokens_out"}) {
    EXPECT_TRUE(newest.contains(field)) << field;
  }
  EXPECT_FALSE(newest.at("success").as_bool()); // newest first: the failed one
  EXPECT_EQ(newest.at("path").as_string(), "chat/completions");
  const auto oldest = c.ok("GET", "/gateways/gw1/logs?per_page=1&order_by_direction=asc")
                          .at("result").as_array()[0].as_object();
  EXPECT_EQ(oldest.at("metadata").as_string(), R"({"team":"a"})");
  const auto detail = c.ok("GET", "/gateways/gw1/logs/" + std::string(oldest.at("id").as_string()))
                          .at("result").as_object();
  EXPECT_EQ(detail.at("request_head").as_string().find("sk-"), std::string::npos);

  // A gateway that collects no logs records none.
  c.ok("PUT", "/gateways/gw1",
       R"({"cache_invalidate_on_update":false,"cache_ttl":0,"collect_logs":false,)"
       R"("rate_limiting_interval":0,"rate_limiting_limit":0})");
  EXPECT_EQ(completion(emulator, "gw1", "{}").status, 200);
  EXPECT_EQ(count(""), 4U);
  c.ok("DELETE", "/gateways/gw1/logs?filters[0][key]=success&filters[0][operator]=eq&filters[0][value][0]=true");
  EXPECT_EQ(count(""), 1U);
}

TEST(EmulatorProcessTest, HeadSendsNoBodyAnd405SaysAllow) {
  EmulatorProcess emulator;
  const Client c{emulator};
  c.create_gateway("gw1");
  const std::string reply = raw_exchange(
      emulator.host(), emulator.port(),
      "HEAD " + k_base + "/gateways/gw1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t0ken\r\n"
      "Connection: close\r\n\r\n");
  const std::size_t end = reply.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos) << reply;
  EXPECT_EQ(reply.substr(end + 4), "");
  EXPECT_NE(reply.find("200 OK"), std::string::npos) << reply;
  const HttpResult refused = c.call("PATCH", "/gateways/gw1", "{}");
  EXPECT_EQ(refused.status, 405);
  EXPECT_EQ(refused.headers.at("allow"), "GET, PUT, DELETE");
}

TEST(EmulatorProcessTest, OtherAccountsAreRefusedWhenAccountsAreGiven) {
  EmulatorProcess emulator({"--account", "acc1", "--account", "acc9"});
  const Client c{emulator};
  c.ok("GET", "/gateways");
  const HttpResult other = http_request(emulator.host(), emulator.port(), "GET",
                                        "/client/v4/accounts/acc2/ai-gateway/gateways");
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(http_request(emulator.host(), emulator.port(), "GET",
                         "/client/v4/accounts/acc9/ai-gateway/gateways")
                .status,
            200);
}

// Every acknowledged write survives kill -9 in the middle of a stream of writes, and the
// restart removes the temp files a killed process may leave.
TEST(EmulatorProcessTest, AcknowledgedWritesSurviveKill9) {
  TempDir dir;
  const std::string state = dir.path() + "/state.json";
  dir.write("state.json.tmp.99999", "{");
  std::vector<std::string> acknowledged;
  {
    EmulatorProcess emulator({"--state", state});
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> acknowledged_count{0};
    std::thread writer([&] {
      HttpConnection connection(emulator.host(), emulator.port());
      for (int i = 0; i < 5000 && !stop; ++i) {
        const std::string id = "gw-" + std::to_string(i);
        const HttpResult result = connection.send(
            "POST", k_base + "/gateways", R"({"id":")" + id + R"(",)" + k_gateway_fields + "}");
        if (result.status != 200) {
          break;
        }
        acknowledged.push_back(id);
        ++acknowledged_count;
      }
    });
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (acknowledged_count < 200 && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(emulator.pid(), SIGKILL);
    stop = true;
    writer.join();
  }
  ASSERT_GE(acknowledged.size(), 200U);
  EmulatorProcess emulator({"--state", state});
  const Client c{emulator};
  const auto listed = c.ok("GET", "/gateways?per_page=1");
  EXPECT_GE(listed.at("result_info").at("total_count").to_number<std::size_t>(), acknowledged.size());
  c.ok("GET", "/gateways/" + acknowledged.back());
  c.ok("GET", "/gateways/" + acknowledged.front());
  EXPECT_FALSE(std::filesystem::exists(state + ".tmp.99999"));
}

// Idle and slow clients hold no one else up, and a client that trickles its headers is cut
// off at the header deadline rather than kept as long as it keeps sending.
TEST(EmulatorProcessTest, SlowClientsDoNotLockOthersOut) {
  EmulatorProcess emulator;
  boost::asio::io_context io;
  std::vector<boost::asio::ip::tcp::socket> idle;
  for (int i = 0; i < 300; ++i) {
    idle.emplace_back(io);
    idle.back().connect({boost::asio::ip::make_address(emulator.host()), emulator.port()});
    boost::asio::write(idle.back(), boost::asio::buffer(std::string("GET / HTTP/1.1\r\nHo")));
  }
  const auto start = std::chrono::steady_clock::now();
  Client{emulator}.ok("GET", "/gateways");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));

  boost::asio::ip::tcp::socket trickle(io);
  trickle.connect({boost::asio::ip::make_address(emulator.host()), emulator.port()});
  const auto trickle_start = std::chrono::steady_clock::now();
  boost::system::error_code ec;
  const std::string request = "GET " + k_base + "/gateways HTTP/1.1\r\nX-Pad: " + std::string(400, 'a');
  for (std::size_t i = 0; i < request.size() && !ec; ++i) {
    boost::asio::write(trickle, boost::asio::buffer(&request[i], 1), ec);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(ec) << "the server kept reading a trickling request for "
                  << std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::steady_clock::now() - trickle_start)
                         .count()
                  << " s";
  EXPECT_LT(std::chrono::steady_clock::now() - trickle_start, std::chrono::seconds(15));
}

} // namespace
} // namespace aigw::test
