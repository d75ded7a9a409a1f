#include "cloudflare/api_base_url.h"

#include <gtest/gtest.h>

namespace aigw::cloudflare {
namespace {

TEST(ApiBaseUrl, ParsesTheDefaultCloudflareUrl) {
  auto url = parse_api_base_url("https://api.cloudflare.com/client/v4");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->host, "api.cloudflare.com");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->path_prefix, "/client/v4");
}

TEST(ApiBaseUrl, AcceptsPlainHttpToLoopbackOnly) {
  auto local = parse_api_base_url("http://127.0.0.1:8787/client/v4/");
  ASSERT_TRUE(local.ok());
  EXPECT_FALSE(local->tls);
  EXPECT_EQ(local->port, 8787);
  EXPECT_EQ(local->path_prefix, "/client/v4");
  EXPECT_TRUE(parse_api_base_url("http://localhost:1/").ok());
  EXPECT_TRUE(parse_api_base_url("http://[::1]:9000").ok());

  auto remote = parse_api_base_url("http://api.example.com/client/v4");
  ASSERT_FALSE(remote.ok());
  EXPECT_NE(remote.error().message.find("non-loopback"), std::string::npos);
  EXPECT_FALSE(parse_api_base_url("http://10.0.0.1/").ok());
}

TEST(ApiBaseUrl, RefusesNonsense) {
  EXPECT_FALSE(parse_api_base_url("not a url").ok());
  EXPECT_FALSE(parse_api_base_url("ftp://example.com/").ok());
  EXPECT_FALSE(parse_api_base_url("https://example.com:99999/").ok());
  EXPECT_FALSE(parse_api_base_url("https://user:pw@example.com/").ok());
  EXPECT_FALSE(parse_api_base_url("https://example.com/?q=1").ok());
}

TEST(ApiBaseUrl, NeverEchoesThePasswordOfUserInfo) {
  auto parsed = parse_api_base_url("https://user:PASSw0rd-canary@api.example.com/client/v4");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message.find("PASSw0rd-canary"), std::string::npos)
      << parsed.error().message;
  EXPECT_EQ(parsed.error().message.find("user:"), std::string::npos) << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("https://***@api.example.com/client/v4"), std::string::npos)
      << parsed.error().message;
  auto bad = parse_api_base_url("ftp://u:PASSw0rd-canary@h/");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.find("PASSw0rd-canary"), std::string::npos);
  EXPECT_EQ(displayable_url("https://a:b@c@host:1/p@q"), "https://***@host:1/p@q");
  EXPECT_EQ(displayable_url("https://host/p@q"), "https://host/p@q");
}

TEST(ApiBaseUrl, RefusesAUrlWhoseHostAStandardParserReadsDifferently) {
  auto parsed = parse_api_base_url("https://127.0.0.1.evil.example:8443/client/v4");
  ASSERT_FALSE(parsed.ok()) << parsed->host << ":" << parsed->port << parsed->path_prefix;
  EXPECT_NE(parsed.error().message.find("not what a standard URL parser reads"),
            std::string::npos)
      << parsed.error().message;
  EXPECT_FALSE(parse_api_base_url("http://127.0.0.1.evil.example/").ok());
  auto fine = parse_api_base_url("https://[::1]:8443/client/v4");
  ASSERT_TRUE(fine.ok()) << fine.error().message;
  EXPECT_EQ(fine->host, "::1");
  EXPECT_EQ(fine->port, 8443);
  EXPECT_TRUE(parse_api_base_url("https://api.example.com").ok());
}

TEST(ApiBaseUrl, KnowsLoopbackHosts) {
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.1.2.3"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_FALSE(is_loopback_host("192.168.1.1"));
  EXPECT_FALSE(is_loopback_host("localhost.example.com"));
}

} // namespace
} // namespace aigw::cloudflare
