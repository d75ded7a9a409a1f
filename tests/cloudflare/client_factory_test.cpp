#include "cloudflare/client_factory.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aigw::cloudflare {
namespace {

using Kind = engine::ApiError::Kind;

/// Sets (or unsets) environment variables for one test and restores them afterwards.
class ScopedEnv {
public:
  explicit ScopedEnv(const std::map<std::string, std::optional<std::string>>& values) {
    for (const auto& [name, value] : values) {
      const char* old = std::getenv(name.c_str());
      m_saved[name] = old ? std::optional<std::string>(old) : std::nullopt;
      apply(name, value);
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : m_saved) {
      apply(name, value);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  static void apply(const std::string& name, const std::optional<std::string>& value) {
    if (value) {
      ::setenv(name.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(name.c_str());
    }
  }
  std::map<std::string, std::optional<std::string>> m_saved;
};

const std::map<std::string, std::optional<std::string>> k_clean = {
    {"CLOUDFLARE_API_TOKEN", std::nullopt},   {"CLOUDFLARE_EMAIL", std::nullopt},
    {"CLOUDFLARE_API_KEY", std::nullopt},     {"CLOUDFLARE_API_BASE_URL", std::nullopt},
    {"CLOUDFLARE_ACCOUNT_ID", std::nullopt},  {"SSL_CERT_FILE", std::nullopt}};

std::map<std::string, std::optional<std::string>>
with(std::map<std::string, std::optional<std::string>> overrides) {
  auto values = k_clean;
  for (auto& [name, value] : overrides) {
    values[name] = std::move(value);
  }
  return values;
}

TEST(ClientFactory, ReadsTokenUrlAccountAndCaFileFromTheEnvironment) {
  ScopedEnv env(with({{"CLOUDFLARE_API_TOKEN", "env-token-123456"},
                      {"CLOUDFLARE_API_BASE_URL", "http://127.0.0.1:9/client/v4"},
                      {"CLOUDFLARE_ACCOUNT_ID", "acc-from-env"},
                      {"SSL_CERT_FILE", "/etc/ssl/custom.pem"}}));
  auto options = options_from_environment("", "");
  ASSERT_TRUE(options.ok());
  ASSERT_TRUE(options->api_token.has_value());
  EXPECT_EQ(options->api_token->reveal(), "env-token-123456");
  EXPECT_EQ(options->api_url, "http://127.0.0.1:9/client/v4");
  EXPECT_EQ(options->account_id, "acc-from-env");
  EXPECT_EQ(options->ca_file, "/etc/ssl/custom.pem");
  EXPECT_EQ(options->concurrency, 8);
  EXPECT_EQ(options->max_attempts, 5);

  auto flagged = options_from_environment("https://flag.example/client/v4", "acc-from-yaml");
  ASSERT_TRUE(flagged.ok());
  EXPECT_EQ(flagged->api_url, "https://flag.example/client/v4");
  EXPECT_EQ(flagged->account_id, "acc-from-yaml");
}

TEST(ClientFactory, DefaultsToTheCloudflareApi) {
  ScopedEnv env(with({{"CLOUDFLARE_API_TOKEN", "env-token-123456"}}));
  auto options = options_from_environment("", "acc");
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->api_url, "https://api.cloudflare.com/client/v4");
  EXPECT_TRUE(make_gateway_api(*options).ok());
}

TEST(ClientFactory, LegacyCredentialsNeedBothEmailAndKey) {
  {
    ScopedEnv env(with({{"CLOUDFLARE_EMAIL", "ops@example.com"}}));
    auto options = options_from_environment("", "acc");
    ASSERT_FALSE(options.ok());
    EXPECT_EQ(options.error().kind, Kind::config);
  }
  ScopedEnv env(with({{"CLOUDFLARE_EMAIL", "ops@example.com"}, {"CLOUDFLARE_API_KEY", "legacy-key-0000"}}));
  auto options = options_from_environment("", "acc");
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->email, "ops@example.com");
  EXPECT_TRUE(make_gateway_api(*options).ok());
}

TEST(ClientFactory, NoCredentialsOrNoAccountIsAClearError) {
  ScopedEnv env(k_clean);
  auto options = options_from_environment("", "acc");
  ASSERT_TRUE(options.ok());
  auto api = make_gateway_api(*options);
  ASSERT_FALSE(api.ok());
  EXPECT_EQ(api.error().kind, Kind::config);
  EXPECT_EQ(api.error().to_string(),
            "client configuration error: no API credentials: set CLOUDFLARE_API_TOKEN, or "
            "CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY");

  options->api_token = Secret("some-token-value");
  options->account_id.clear();
  auto no_account = make_gateway_api(*options);
  ASSERT_FALSE(no_account.ok());
  EXPECT_NE(no_account.error().message.find("CLOUDFLARE_ACCOUNT_ID"), std::string::npos);
}

TEST(ClientFactory, ACredentialWithALineBreakIsRefusedNotSentAsAHeader) {
  // A token file read with its trailing newline, or a pasted value with a CR: sent as is, it
  // would end the Authorization header and start another (header injection).
  const std::string canary = "tok-CANARY-4711";
  struct Case {
    const char* variable;
    std::map<std::string, std::optional<std::string>> env;
  };
  const std::vector<Case> cases = {
      {"CLOUDFLARE_API_TOKEN", with({{"CLOUDFLARE_API_TOKEN", canary + "\r\nX-Evil: 1"}})},
      {"CLOUDFLARE_API_TOKEN", with({{"CLOUDFLARE_API_TOKEN", canary + "\n"}})},
      {"CLOUDFLARE_API_KEY",
       with({{"CLOUDFLARE_EMAIL", "ops@example.com"}, {"CLOUDFLARE_API_KEY", canary + "\t"}})},
      {"CLOUDFLARE_EMAIL",
       with({{"CLOUDFLARE_EMAIL", "ops@example.com\r\nX-Evil: 1"}, {"CLOUDFLARE_API_KEY", canary}})},
  };
  for (const auto& c : cases) {
    ScopedEnv env(c.env);
    auto options = options_from_environment("", "acc");
    ASSERT_TRUE(options.ok());
    auto api = make_gateway_api(*options);
    ASSERT_FALSE(api.ok()) << c.variable;
    EXPECT_EQ(api.error().kind, Kind::config);
    EXPECT_NE(api.error().message.find(c.variable), std::string::npos) << api.error().message;
    EXPECT_NE(api.error().message.find("control character"), std::string::npos)
        << api.error().message;
    EXPECT_EQ(api.error().to_string().find(canary), std::string::npos) << api.error().to_string();
  }
}

} // namespace
} // namespace aigw::cloudflare
