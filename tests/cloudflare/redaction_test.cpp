// A canary token and a canary provider secret never appear in logs or error messages, at
// any log level and in either log format, even when the server echoes them back.

#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/test_http_server.h"
#include "cloudflare/test_options.h"
#include "support/process.h"
#include "util/log.h"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace aigw::cloudflare {
namespace {

using test::TestHttpServer;
using test::TestReply;
using test::TestRequest;

constexpr const char* k_canary_token = "canary-token-5f1c9e2b7d";
constexpr const char* k_canary_secret = "canary-provider-secret-77aa31";

/// Redirects this process's stderr into a file for the lifetime of the object.
class CapturedStderr {
public:
  explicit CapturedStderr(const std::string& path) : m_path(path) {
    std::fflush(stderr);
    m_saved = ::dup(2);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ::close(fd);
  }
  ~CapturedStderr() { restore(); }
  CapturedStderr(const CapturedStderr&) = delete;
  CapturedStderr& operator=(const CapturedStderr&) = delete;

  /// Restores stderr and returns what was written.
  std::string finish() {
    restore();
    std::ifstream in(m_path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

private:
  void restore() {
    if (m_saved >= 0) {
      std::fflush(stderr);
      ::dup2(m_saved, 2);
      ::close(m_saved);
      m_saved = -1;
    }
  }
  std::string m_path;
  int m_saved = -1;
};

/// Answers every request with an error that echoes the credentials and the body.
TestReply echo_everything(const TestRequest& request) {
  std::string echoed = "auth=" + (request.headers.count("authorization") != 0
                                      ? request.headers.at("authorization")
                                      : std::string());
  for (char c : request.body) {
    echoed += c == '"' ? '\'' : c;
  }
  return TestReply{.status = 400,
                   .body = R"({"success":false,"errors":[{"code":1000,"message":")" + echoed + R"("}]})"};
}

class Redaction : public ::testing::TestWithParam<std::tuple<const char*, LogFormat>> {};

TEST_P(Redaction, CanariesNeverReachLogsOrErrors) {
  const auto [level, format] = GetParam();
  test::TempDir dir;
  TestHttpServer server(echo_everything);
  auto options = test::test_client_options("http://127.0.0.1:" + std::to_string(server.port()) +
                                           "/client/v4");
  options.api_token = Secret(k_canary_token);
  options.max_attempts = 1;

  model::ProviderConfig config;
  config.gateway_id = "gw";
  config.provider_slug = "openai";
  config.alias = "main";
  config.secret = Secret(k_canary_secret);

  std::string errors;
  CapturedStderr captured(dir.path() + "/stderr.txt");
  configure_logging(level, format);
  {
    auto api = make_gateway_api(options);
    ASSERT_TRUE(api.ok());
    auto created = (*api)->create_provider_config(config);
    ASSERT_FALSE(created.ok());
    errors += created.error().to_string() + "\n";
    auto listed = (*api)->list_gateways();
    ASSERT_FALSE(listed.ok());
    errors += listed.error().to_string() + "\n";
    spdlog::info("error: {}", errors);
  }
  spdlog::default_logger()->flush();
  const std::string logs = captured.finish();
  configure_logging("info", LogFormat::text);

  // The server really received both canaries, so the echo below is a real test.
  const auto received = server.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_NE(received[0].headers.at("authorization").find(k_canary_token), std::string::npos);
  EXPECT_NE(received[0].body.find(k_canary_secret), std::string::npos);

  EXPECT_NE(errors.find("(sensitive)"), std::string::npos) << errors;
  for (const std::string canary : {k_canary_token, k_canary_secret}) {
    EXPECT_EQ(errors.find(canary), std::string::npos) << errors;
    EXPECT_EQ(logs.find(canary), std::string::npos) << logs;
  }
  if (std::string(level) == "trace") {
    EXPECT_NE(logs.find("provider_configs"), std::string::npos) << logs; // requests are logged
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryLevelAndFormat, Redaction,
    ::testing::Combine(::testing::Values("trace", "debug", "info", "error"),
                       ::testing::Values(LogFormat::text, LogFormat::json)),
    [](const auto& param_info) {
      return std::string(std::get<0>(param_info.param)) +
             (std::get<1>(param_info.param) == LogFormat::json ? "_json" : "_text");
    });

} // namespace
} // namespace aigw::cloudflare
