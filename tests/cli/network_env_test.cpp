// The network environment as a CI runner has it, through the real binary: a private CA in
// SSL_CERT_FILE, and HTTPS_PROXY (with NO_PROXY) in front of a TLS server.

#include "cloudflare/test_connect_proxy.h"
#include "cloudflare/test_http_server.h"
#include "support/process.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aigw::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Every list is empty: a configuration with no gateway plans with one request.
const char* const k_empty_list =
    R"({"result":[],"success":true,"errors":[],"messages":[],)"
    R"("result_info":{"page":1,"per_page":50,"count":0,"total_count":0}})";

class NetworkEnvironment : public ::testing::Test {
protected:
  void SetUp() override {
    m_cert = make_test_certificate(m_dir.path(), "localhost", "DNS:localhost,IP:127.0.0.1");
    m_server = std::make_unique<TestHttpServer>(
        [](const TestRequest&) { return TestReply{.body = k_empty_list}; }, m_cert.cert_file,
        m_cert.key_file);
    m_config = m_dir.write("aigw.yaml", "account_id: acc\ngateways: []\n");
  }

  ProcessResult plan(std::map<std::string, std::optional<std::string>> env) {
    ProcessOptions options;
    options.env = {{"CLOUDFLARE_API_TOKEN", "cli-token-4821"},
                   {"CLOUDFLARE_API_BASE_URL",
                    "https://localhost:" + std::to_string(m_server->port()) + "/client/v4"},
                   {"SSL_CERT_FILE", std::nullopt}, {"SSL_CERT_DIR", std::nullopt},
                   {"https_proxy", std::nullopt}, {"HTTPS_PROXY", std::nullopt},
                   {"no_proxy", std::nullopt}, {"NO_PROXY", std::nullopt}};
    for (auto& [name, value] : env) {
      options.env[name] = value;
    }
    options.timeout = std::chrono::seconds(60);
    return run_process({aigw_binary(), "plan", "-f", m_config}, options);
  }

  TempDir m_dir;
  TestCertificate m_cert;
  std::unique_ptr<TestHttpServer> m_server;
  std::string m_config;
};

TEST_F(NetworkEnvironment, SslCertFileNamesTheCaBundle) {
  const auto refused = plan({});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("certificate verification failed"));
  const auto trusted = plan({{"SSL_CERT_FILE", m_cert.cert_file}});
  EXPECT_EQ(trusted.exit_code, 0) << trusted.err;
  EXPECT_THAT(trusted.out, HasSubstr("No changes"));
  const auto missing = plan({{"SSL_CERT_FILE", m_dir.path() + "/none.pem"}});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("cannot load CA file"));
}

TEST_F(NetworkEnvironment, HttpsProxyTunnelsAndNoProxyBypasses) {
  TestConnectProxy proxy;
  const std::string url = "http://ops:pr0xy-cli-pass@127.0.0.1:" + std::to_string(proxy.port());
  const auto through =
      plan({{"SSL_CERT_FILE", m_cert.cert_file}, {"HTTPS_PROXY", url}});
  EXPECT_EQ(through.exit_code, 0) << through.err;
  ASSERT_EQ(proxy.requests().size(), 1U);
  EXPECT_THAT(proxy.requests()[0], HasSubstr("CONNECT localhost:"));
  EXPECT_THAT(through.out + through.err, Not(HasSubstr("pr0xy-cli-pass")));

  const auto direct = plan({{"SSL_CERT_FILE", m_cert.cert_file}, {"https_proxy", url},
                            {"no_proxy", "localhost"}});
  EXPECT_EQ(direct.exit_code, 0) << direct.err;
  EXPECT_EQ(proxy.requests().size(), 1U);
}

TEST_F(NetworkEnvironment, ARefusingProxyIsAClearErrorWithoutItsCredentials) {
  TestConnectProxy proxy(403);
  const std::string url = "http://ops:pr0xy-cli-pass@127.0.0.1:" + std::to_string(proxy.port());
  const auto r = plan({{"SSL_CERT_FILE", m_cert.cert_file}, {"HTTPS_PROXY", url}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("refused the tunnel"));
  EXPECT_THAT(r.err, HasSubstr("HTTP 403"));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("pr0xy-cli-pass")));
  EXPECT_EQ(m_server->requests(), 0);
}

} // namespace
} // namespace aigw::test
