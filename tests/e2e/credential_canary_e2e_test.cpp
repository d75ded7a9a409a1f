// Credentials a gateway holds (otel authorization and header values, stripe authorization)
// never reach stdout, stderr or a plan file, even from a server that echoes every request
// body in its errors, and `--api-url` user info is never echoed.

#include "cloudflare/test_http_server.h"
#include "support/process.h"

#include <gmock/gmock.h>

#include <fstream>
#include <sstream>


namespace aigw::test {
namespace {

using testing::HasSubstr;
using testing::Not;

constexpr const char* k_otel = "canary-otel-auth-c0ffee11";
constexpr const char* k_header = "canary-otel-header-beef22";
constexpr const char* k_stripe = "canary-stripe-auth-f00d33";

const char* k_yaml = R"(account_id: acc
gateways:
  - id: canary
    otel:
      - authorization: Bearer ${OTEL_TOKEN}
        headers: { x-api-key: "${OTEL_HEADER}" }
        url: https://otel.example.com/v1/traces
    stripe:
      authorization: ${STRIPE_KEY}
      usage_events: [ { payload: "{}" } ]
)";

/// Lists nothing, creates the gateway, and answers every other write with a 400 that
/// echoes the request body (the follow-up PUT carries otel and stripe).
TestReply echo_writes(const TestRequest& request) {
  if (request.method == "GET") {
    return TestReply{.body = R"({"success":true,"result_info":{"has_more":false},"result":[]})"};
  }
  if (request.method == "POST") {
    return TestReply{.body = R"({"success":true,"result":{"id":"canary"}})"};
  }
  std::string echoed;
  for (char c : request.body) {
    echoed += c == '"' ? '\'' : c;
  }
  return TestReply{.status = 400,
                   .body = R"({"success":false,"errors":[{"code":1,"message":")" + echoed +
                           R"("}]})"};
}

ProcessResult run(const TestHttpServer& server, std::vector<std::string> args) {
  args.insert(args.begin(), aigw_binary());
  ProcessOptions options;
  options.env = {{"CLOUDFLARE_API_TOKEN", "canary-api-token-0099"},
                 {"CLOUDFLARE_ACCOUNT_ID", "acc"},
                 {"CLOUDFLARE_API_BASE_URL",
                  "http://127.0.0.1:" + std::to_string(server.port()) + "/client/v4"},
                 {"OTEL_TOKEN", std::string(k_otel).substr(7)},
                 {"OTEL_HEADER", k_header},
                 {"STRIPE_KEY", k_stripe},
                 {"NO_COLOR", "1"}};
  options.timeout = std::chrono::seconds(60);
  return run_process(args, options);
}

void expect_no_canary(const std::string& text, const std::string& where) {
  for (const std::string& canary : {std::string(k_otel).substr(7), std::string(k_header),
                                   std::string(k_stripe)}) {
    EXPECT_THAT(text, Not(HasSubstr(canary))) << where;
  }
}

TEST(CredentialCanaries, NeverReachAnyOutputChannel) {
  TestHttpServer server(echo_writes);
  TempDir dir;
  const auto file = dir.write("aigw.yaml", k_yaml);
  for (const char* format : {"text", "json", "markdown"}) {
    const auto plan = run(server, {"--log-level", "trace", "plan", "-f", file, "--output", format});
    EXPECT_EQ(plan.exit_code, 0) << plan.err;
    expect_no_canary(plan.out, std::string("plan stdout ") + format);
    expect_no_canary(plan.err, std::string("plan stderr ") + format);
  }
  const auto applied = run(server, {"--log-level", "trace", "apply", "-f", file, "--auto-approve"});
  EXPECT_EQ(applied.exit_code, 1) << applied.out << applied.err;
  // The server really received the credentials and echoed them back.
  bool received = false;
  for (const auto& request : server.received()) {
    received = received || request.body.find(k_header) != std::string::npos;
  }
  ASSERT_TRUE(received);
  EXPECT_THAT(applied.out + applied.err, HasSubstr("(sensitive)"));
  expect_no_canary(applied.out, "apply stdout");
  expect_no_canary(applied.err, "apply stderr");
}

TEST(CredentialCanaries, ApiUrlUserInfoIsNeverEchoed) {
  TestHttpServer server(echo_writes);
  TempDir dir;
  const auto file = dir.write("aigw.yaml", k_yaml);
  const auto result =
      run(server, {"--api-url", "https://user:hunter2-canary@api.example.com/v4", "plan", "-f", file});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("https://***@api.example.com/v4"));
  EXPECT_THAT(result.out + result.err, Not(HasSubstr("hunter2-canary")));
  EXPECT_EQ(server.requests(), 0);
}

TEST(CredentialCanaries, APlanFileNamesTheUnknownCredentialsButHoldsNoValue) {
  TestHttpServer server(echo_writes);
  TempDir dir;
  // One more header whose variable is unset: the plan cannot know it, and says so.
  std::string yaml = k_yaml;
  const std::string header = R"(x-api-key: "${OTEL_HEADER}")";
  yaml.replace(yaml.find(header), header.size(),
               header + R"(, x-team.name: "${AIGW_CANARY_UNSET_TEAM}")");
  const auto file = dir.write("aigw.yaml", yaml);
  const std::string out = dir.path() + "/plan.json";
  const auto plan = run(server, {"plan", "-f", file, "--out", out});
  EXPECT_EQ(plan.exit_code, 0) << plan.err;
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  expect_no_canary(text.str(), "plan file");
  EXPECT_THAT(text.str(), HasSubstr(R"("unknown_credentials": [)"));
  EXPECT_THAT(text.str(), HasSubstr(R"("path": "otel[0].headers.\"x-team.name\"")"));
  EXPECT_THAT(text.str(), HasSubstr(R"("AIGW_CANARY_UNSET_TEAM")"));
}

} // namespace
} // namespace aigw::test
