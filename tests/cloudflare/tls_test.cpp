// TLS against a local HTTPS server with certificates made at test time: the default
// trust store refuses a self-signed certificate, the right CA file is accepted, and a
// certificate for another host name is refused even when its CA is trusted.

#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/test_http_server.h"
#include "cloudflare/test_options.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace aigw::cloudflare {
namespace {

using test::TestHttpServer;
using test::TestReply;
using test::TestRequest;
using Kind = engine::ApiError::Kind;

const char* k_body = R"({"result":"https://gateway.ai.cloudflare.com/v1/acc/gw/openai","success":true})";

class Tls : public ::testing::Test {
protected:
  void SetUp() override {
    // OpenSSL's default trust store honours SSL_CERT_FILE; the default case must not.
    ::unsetenv("SSL_CERT_FILE");
    ::unsetenv("SSL_CERT_DIR");
    m_local = test::make_test_certificate(m_dir.path(), "localhost", "DNS:localhost,IP:127.0.0.1");
    m_other = test::make_test_certificate(m_dir.path(), "other", "DNS:other.example");
  }

  static engine::ApiResult<std::string> fetch(const std::string& url, const std::string& ca_file) {
    auto options = test::test_client_options(url);
    options.ca_file = ca_file;
    options.max_attempts = 2;
    return test::fetch_gateway_url(options);
  }

  test::TempDir m_dir;
  test::TestCertificate m_local;
  test::TestCertificate m_other;
};

std::string https_url(const std::string& host, const TestHttpServer& server) {
  return "https://" + host + ":" + std::to_string(server.port()) + "/client/v4";
}

TEST_F(Tls, TheDefaultTrustStoreRefusesASelfSignedCertificate) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_body}; },
                        m_local.cert_file, m_local.key_file);
  auto result = fetch(https_url("127.0.0.1", server), "");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::network);
  EXPECT_NE(result.error().message.find("certificate verification failed"), std::string::npos)
      << result.error().to_string();
  EXPECT_EQ(server.requests(), 0);
}

TEST_F(Tls, TheGivenCaFileIsTrustedByIpAndByName) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_body}; },
                        m_local.cert_file, m_local.key_file);
  auto by_ip = fetch(https_url("127.0.0.1", server), m_local.cert_file);
  ASSERT_TRUE(by_ip.ok()) << by_ip.error().to_string();
  EXPECT_EQ(*by_ip, "https://gateway.ai.cloudflare.com/v1/acc/gw/openai");
  auto by_name = fetch(https_url("localhost", server), m_local.cert_file);
  ASSERT_TRUE(by_name.ok()) << by_name.error().to_string();
  EXPECT_EQ(server.requests(), 2);
}

TEST_F(Tls, ACertificateForAnotherHostNameIsRefused) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_body}; },
                        m_other.cert_file, m_other.key_file);
  for (const char* host : {"127.0.0.1", "localhost"}) {
    auto result = fetch(https_url(host, server), m_other.cert_file);
    ASSERT_FALSE(result.ok()) << host;
    EXPECT_NE(result.error().message.find("certificate verification failed"), std::string::npos)
        << result.error().to_string();
  }
  EXPECT_EQ(server.requests(), 0);
}

TEST_F(Tls, AnUnreadableCaFileIsAConfigurationError) {
  auto result = fetch("https://127.0.0.1:1/client/v4", m_dir.path() + "/missing.pem");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::config);
  EXPECT_NE(result.error().message.find("CA file"), std::string::npos);
}

} // namespace
} // namespace aigw::cloudflare
