#include "model/web_url.h"

#include <gtest/gtest.h>

#include <string>

namespace aigw::model {
namespace {

TEST(WebUrl, AcceptsAbsoluteHttpAndHttpsUrlsWithAHost) {
  for (const char* url :
       {"https://api.example.com", "http://127.0.0.1:8080/v1", "https://api.example.com/v1/x?a=b#c",
        "https://[::1]:8443/x", "https://[2001:db8::1]/", "https://user:pass@host.example/p",
        "HTTPS://HOST.EXAMPLE/V1", "Http://h", "https://h.example/a%20b", "https://h:/x",
        "https://h.example/a:b@c/!$&'()*+,;=~"}) {
    EXPECT_EQ(web_url_problem(url), "") << url;
    EXPECT_TRUE(is_web_url(url)) << url;
  }
}

TEST(WebUrl, SaysWhatIsWrong) {
  const std::pair<const char*, const char*> cases[] = {
      {"notaurl", "has no scheme (http:// or https://)"},
      {"", "has no scheme (http:// or https://)"},
      {"api.example.com:443/v1", "has no scheme (http:// or https://)"},
      {"ftp://files.example/x", "has the scheme 'ftp', not http or https"},
      {"HTTPS:/one-slash.example", "has no host (HTTPS://HOST/...)"},
      {"https://", "has no host (https://HOST/...)"},
      {"https:///path", "has no host (https://HOST/...)"},
      {"https://:443", "has no host (https://HOST/...)"},
      {"https://user@:443/x", "has no host (https://HOST/...)"},
      {"https://host:abc/", "has a port that is not a number"},
      {"https://[::1/x", "has a '[' with no ']' around its IPv6 host"},
      {"https://[zz]/", "has an IPv6 host that is not hex digits, ':' and '.'"},
      {"https://[::1]x/", "has text after its IPv6 host's ']' that is not a :port"},
      {"https://api.example .com", "contains a space, which a URL must percent-encode"},
      {"https://api.example/a b", "contains a space, which a URL must percent-encode"},
      {" https://api.example", "has no scheme (http:// or https://)"},
      {"https://api.example/\n", "contains the byte 0x0A, which a URL must percent-encode"},
      {"https://api.example/<x>", "contains '<', which a URL must percent-encode"},
      {"https://api.example/x#a#b", "contains '#', which a URL must percent-encode"},
      {"https://api.example/%zz", "has a '%' not followed by two hex digits (a literal '%' is written %25)"},
      {"https://api.example/%2", "has a '%' not followed by two hex digits (a literal '%' is written %25)"},
      {"https://us er@host/", "contains a space, which a URL must percent-encode"},
      {"https://h\xc3\xa9.example/", "contains the byte 0xC3, which a URL must percent-encode"},
  };
  for (const auto& [url, problem] : cases) {
    EXPECT_EQ(web_url_problem(url), problem) << url;
    EXPECT_FALSE(is_web_url(url)) << url;
  }
}

} // namespace
} // namespace aigw::model
