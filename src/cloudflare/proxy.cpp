#include "cloudflare/proxy.h"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

namespace aigw::cloudflare {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string base64(const std::string& in) {
  static constexpr char k_alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const auto n = (static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16) |
                   (static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8) |
                   static_cast<unsigned>(static_cast<unsigned char>(in[i + 2]));
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += k_alphabet[(n >> 6) & 63];
    out += k_alphabet[n & 63];
  }
  if (i + 1 == in.size()) {
    const auto n = static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16;
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const auto n = (static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16) |
                   (static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8);
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += k_alphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string strip_brackets(std::string host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    return host.substr(1, host.size() - 2);
  }
  return host;
}

} // namespace

std::string Proxy::display() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

ProxyEnvironment proxy_environment_from_env() {
  ProxyEnvironment out;
  out.https_proxy = env("https_proxy");
  if (out.https_proxy.empty()) {
    out.https_proxy = env("HTTPS_PROXY");
  }
  out.no_proxy = env("no_proxy");
  if (out.no_proxy.empty()) {
    out.no_proxy = env("NO_PROXY");
  }
  return out;
}

Result<Proxy> parse_proxy_url(const std::string& url) {
  // curl accepts "host:port" without a scheme and means http://.
  const std::string full = url.find("://") == std::string::npos ? "http://" + url : url;
  auto parsed = boost::urls::parse_absolute_uri(full);
  if (!parsed) {
    return Error{"HTTPS_PROXY is not a valid proxy URL (expected http://[user:password@]host:port)"};
  }
  const auto& uri = *parsed;
  if (lower(std::string(uri.scheme())) != "http") {
    return Error{"HTTPS_PROXY uses " + std::string(uri.scheme()) +
                 "://; only http:// proxies (tunnelling with CONNECT) are supported"};
  }
  Proxy proxy;
  proxy.host = strip_brackets(std::string(uri.encoded_host()));
  if (proxy.host.empty()) {
    return Error{"HTTPS_PROXY has no host"};
  }
  if (uri.has_port()) {
    const std::string port(uri.port());
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      return Error{"HTTPS_PROXY has an invalid port"};
    }
    proxy.port = static_cast<std::uint16_t>(value);
  }
  if (uri.has_userinfo()) {
    // Decoded: "user%40corp:p%3Ass" is user@corp with password p:ss.
    const std::string credentials = std::string(uri.user()) + ":" + std::string(uri.password());
    Redactor::global().add(std::string(uri.password()));
    Redactor::global().add(std::string(uri.encoded_password()));
    proxy.authorization = Secret("Basic " + base64(credentials));
  }
  return proxy;
}

bool bypasses_proxy(const std::string& no_proxy, const std::string& host) {
  const std::string target = lower(strip_brackets(host));
  std::size_t start = 0;
  while (start <= no_proxy.size()) {
    const auto end = std::min(no_proxy.find(',', start), no_proxy.size());
    std::string entry = no_proxy.substr(start, end - start);
    start = end + 1;
    entry.erase(std::remove_if(entry.begin(), entry.end(),
                               [](unsigned char c) { return std::isspace(c) != 0; }),
                entry.end());
    entry = lower(entry);
    if (entry.empty()) {
      continue;
    }
    if (entry == "*") {
      return true;
    }
    // "host:port" entries name the host (curl ignores the port too).
    if (entry.front() != '[' && std::count(entry.begin(), entry.end(), ':') == 1) {
      entry = entry.substr(0, entry.find(':'));
    }
    entry = strip_brackets(entry);
    while (!entry.empty() && entry.front() == '.') {
      entry.erase(0, 1);
    }
    if (target == entry) {
      return true;
    }
    if (target.size() > entry.size() && target.ends_with(entry) &&
        target[target.size() - entry.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

Result<std::optional<Proxy>> proxy_for(const ProxyEnvironment& env, const std::string& host) {
  if (env.https_proxy.empty() || bypasses_proxy(env.no_proxy, host)) {
    return std::optional<Proxy>();
  }
  auto proxy = parse_proxy_url(env.https_proxy);
  if (!proxy) {
    return proxy.error();
  }
  return std::optional<Proxy>(std::move(proxy).value());
}

} // namespace aigw::cloudflare
