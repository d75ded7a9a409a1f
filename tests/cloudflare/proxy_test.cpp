// HTTPS through an HTTP CONNECT proxy on loopback, in front of the TLS test server: the
// tunnel carries TLS end to end (the proxy relays only ciphertext), proxy credentials go in
// Proxy-Authorization and never into a message, no_proxy bypasses it, and a refusing or
// absent proxy is a clear error. Plus the proxy URL and no_proxy rules as curl has them.

#include "cloudflare/proxy.h"
#include "cloudflare/test_connect_proxy.h"
#include "cloudflare/test_http_server.h"
#include "cloudflare/test_options.h"
#include "support/process.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

namespace aigw::cloudflare {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using test::TestConnectProxy;
using test::TestHttpServer;
using test::TestReply;
using test::TestRequest;

const char* k_body = R"({"result":"https://gateway.ai.cloudflare.com/v1/acc/gw/openai","success":true})";

TEST(ProxyUrl, ParsesHostPortAndCredentials) {
  auto proxy = parse_proxy_url("http://user%40corp:p%3Ass@proxy.corp:3128");
  ASSERT_TRUE(proxy.ok()) << proxy.error().message;
  EXPECT_EQ(proxy->host, "proxy.corp");
  EXPECT_EQ(proxy->port, 3128);
  ASSERT_TRUE(proxy->authorization.has_value());
  EXPECT_EQ(proxy->authorization->reveal(), "Basic dXNlckBjb3JwOnA6c3M="); // user@corp:p:ss
  EXPECT_EQ(proxy->display(), "http://proxy.corp:3128");

  auto bare = parse_proxy_url("10.0.0.1:8080");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->display(), "http://10.0.0.1:8080");
  EXPECT_FALSE(bare->authorization.has_value());
  EXPECT_EQ(parse_proxy_url("http://proxy")->port, 1080); // curl's default
}

TEST(ProxyUrl, RefusesOtherSchemesWithoutEchoingCredentials) {
  auto socks = parse_proxy_url("socks5://user:hunter2-secret@proxy:1080");
  ASSERT_FALSE(socks.ok());
  EXPECT_THAT(socks.error().message, HasSubstr("only http:// proxies"));
  EXPECT_THAT(socks.error().message, Not(HasSubstr("hunter2")));
  EXPECT_FALSE(parse_proxy_url("http://proxy:99999").ok());
}

TEST(NoProxy, MatchesLikeCurl) {
  EXPECT_TRUE(bypasses_proxy("*", "api.cloudflare.com"));
  EXPECT_TRUE(bypasses_proxy("cloudflare.com", "api.cloudflare.com"));
  EXPECT_TRUE(bypasses_proxy(".cloudflare.com", "api.cloudflare.com"));
  EXPECT_TRUE(bypasses_proxy("localhost, api.cloudflare.com:443", "api.cloudflare.com"));
  EXPECT_TRUE(bypasses_proxy("127.0.0.1", "127.0.0.1"));
  EXPECT_TRUE(bypasses_proxy("[::1]", "::1"));
  EXPECT_TRUE(bypasses_proxy("API.Cloudflare.COM", "api.cloudflare.com"));
  EXPECT_FALSE(bypasses_proxy("flare.com", "api.cloudflare.com"));
  EXPECT_FALSE(bypasses_proxy("", "api.cloudflare.com"));
  EXPECT_FALSE(bypasses_proxy("other.example,", "api.cloudflare.com"));
}

TEST(ProxyFor, NoProxyWinsAndAnEmptyProxyMeansDirect) {
  EXPECT_FALSE(proxy_for({"", ""}, "api.cloudflare.com")->has_value());
  EXPECT_FALSE(proxy_for({"http://p:1", "cloudflare.com"}, "api.cloudflare.com")->has_value());
  auto used = proxy_for({"http://p:1", "example.com"}, "api.cloudflare.com");
  ASSERT_TRUE(used.ok() && used->has_value());
  EXPECT_EQ((*used)->display(), "http://p:1");
}

TEST(ProxyEnvironment, LowerCaseWinsOverUpperCase) {
  ::setenv("https_proxy", "http://lower:1", 1);
  ::setenv("HTTPS_PROXY", "http://upper:2", 1);
  ::setenv("NO_PROXY", "upper.example", 1);
  ::unsetenv("no_proxy");
  const auto env = proxy_environment_from_env();
  EXPECT_EQ(env.https_proxy, "http://lower:1");
  EXPECT_EQ(env.no_proxy, "upper.example");
  ::unsetenv("https_proxy");
  EXPECT_EQ(proxy_environment_from_env().https_proxy, "http://upper:2");
  ::unsetenv("HTTPS_PROXY");
  ::unsetenv("NO_PROXY");
}

class ThroughProxy : public ::testing::Test {
protected:
  void SetUp() override {
    m_cert = test::make_test_certificate(m_dir.path(), "localhost", "DNS:localhost,IP:127.0.0.1");
    m_server = std::make_unique<TestHttpServer>(
        [](const TestRequest&) { return TestReply{.body = k_body}; }, m_cert.cert_file,
        m_cert.key_file);
  }

  engine::ApiResult<std::string> fetch(const std::string& host, const std::string& https_proxy,
                                       const std::string& no_proxy = "") {
    auto options = test::test_client_options("https://" + host + ":" +
                                             std::to_string(m_server->port()) + "/client/v4");
    options.ca_file = m_cert.cert_file;
    options.https_proxy = https_proxy;
    options.no_proxy = no_proxy;
    options.max_attempts = 1;
    return test::fetch_gateway_url(options);
  }

  test::TempDir m_dir;
  test::TestCertificate m_cert;
  std::unique_ptr<TestHttpServer> m_server;
};

std::string proxy_url(const TestConnectProxy& proxy, const std::string& credentials = "") {
  return "http://" + credentials + "127.0.0.1:" + std::to_string(proxy.port());
}

TEST_F(ThroughProxy, TunnelsWithConnectAndKeepsTlsEndToEnd) {
  TestConnectProxy proxy;
  auto result = fetch("localhost", proxy_url(proxy));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(*result, "https://gateway.ai.cloudflare.com/v1/acc/gw/openai");
  const auto requests = proxy.requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_THAT(requests[0],
              StartsWith("CONNECT localhost:" + std::to_string(m_server->port()) + " HTTP/1.1\r\n"));
  EXPECT_THAT(requests[0], Not(HasSubstr("Proxy-Authorization")));
  EXPECT_EQ(m_server->requests(), 1);
  // The proxy relayed a TLS session: neither the request line nor the token is readable.
  EXPECT_FALSE(proxy.relayed().empty());
  EXPECT_THAT(proxy.relayed(), Not(HasSubstr("GET ")));
  EXPECT_THAT(proxy.relayed(), Not(HasSubstr("test-token-0123456789")));
}

TEST_F(ThroughProxy, CredentialsGoInProxyAuthorizationAndNeverIntoMessages) {
  TestConnectProxy proxy;
  auto result = fetch("127.0.0.1", proxy_url(proxy, "ci-bot:pr0xy-pass-771@"));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(proxy.requests().size(), 1U);
  // base64("ci-bot:pr0xy-pass-771")
  EXPECT_THAT(proxy.requests()[0], HasSubstr("\r\nProxy-Authorization: Basic Y2ktYm90OnByMHh5LXBhc3MtNzcx"));

  TestConnectProxy refusing(407);
  auto refused = fetch("127.0.0.1", proxy_url(refusing, "ci-bot:pr0xy-pass-771@"));
  ASSERT_FALSE(refused.ok());
  const auto message = refused.error().to_string();
  EXPECT_THAT(message, HasSubstr("proxy http://127.0.0.1:" + std::to_string(refusing.port()) +
                                 " refused the tunnel"));
  EXPECT_THAT(message, HasSubstr("HTTP 407"));
  EXPECT_THAT(message, HasSubstr("check the user and password in HTTPS_PROXY"));
  EXPECT_THAT(message, Not(HasSubstr("pr0xy-pass-771")));
  EXPECT_THAT(Redactor::global().redact("x pr0xy-pass-771 y"), "x (sensitive) y");
}

TEST_F(ThroughProxy, NoProxyReachesTheServerDirectly) {
  TestConnectProxy proxy;
  auto result = fetch("127.0.0.1", proxy_url(proxy), "localhost,127.0.0.1");
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_TRUE(proxy.requests().empty());
  EXPECT_EQ(m_server->requests(), 1);
}

TEST_F(ThroughProxy, ARefusingProxyIsAClearErrorAndNothingReachesTheServer) {
  TestConnectProxy proxy(403);
  auto result = fetch("localhost", proxy_url(proxy));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, engine::ApiError::Kind::network);
  EXPECT_THAT(result.error().message,
              HasSubstr("proxy http://127.0.0.1:" + std::to_string(proxy.port()) +
                        " refused the tunnel to localhost:" + std::to_string(m_server->port()) +
                        ": HTTP 403 Refused By Test"));
  EXPECT_EQ(m_server->requests(), 0);
}

TEST_F(ThroughProxy, AnAbsentProxyIsAClearError) {
  unsigned short closed_port = 0;
  {
    TestConnectProxy gone;
    closed_port = gone.port();
  }
  auto result = fetch("localhost", "http://127.0.0.1:" + std::to_string(closed_port));
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message,
              HasSubstr("connect to proxy http://127.0.0.1:" + std::to_string(closed_port)));
  EXPECT_EQ(m_server->requests(), 0);
}

} // namespace
} // namespace aigw::cloudflare
