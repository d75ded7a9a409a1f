#include "cloudflare/api_base_url.h"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <charconv>
#include <optional>

namespace aigw::cloudflare {

bool is_loopback_host(const std::string& host) {
  if (host == "localhost") {
    return true;
  }
  std::string bare = host;
  if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']') {
    bare = bare.substr(1, bare.size() - 2);
  }
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(bare, ec);
  return !ec && address.is_loopback();
}

namespace {

/// The authority as a standard (RFC 3986 / WHATWG) parser splits it: everything between
/// "://" and the first '/', '?' or '#'.
struct Authority {
  bool has_userinfo = false;
  std::string host; ///< brackets kept for IPv6
  std::string port; ///< digits as written, empty when absent
  std::string rest; ///< path, query and fragment
};

std::optional<Authority> split_authority(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return std::nullopt;
  }
  const auto start = scheme_end + 3;
  const auto end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  Authority out;
  out.rest = end == std::string::npos ? "" : url.substr(end);
  if (const auto at = authority.rfind('@'); at != std::string::npos) {
    out.has_userinfo = true;
    authority = authority.substr(at + 1);
  }
  std::size_t host_end = authority.size();
  if (!authority.empty() && authority.front() == '[') {
    host_end = authority.find(']');
    host_end = host_end == std::string::npos ? authority.size() : host_end + 1;
  } else {
    host_end = std::min(authority.find(':'), authority.size());
  }
  out.host = authority.substr(0, host_end);
  if (host_end < authority.size()) {
    if (authority[host_end] != ':') {
      return std::nullopt;
    }
    out.port = authority.substr(host_end + 1);
  }
  return out;
}

} // namespace

std::string displayable_url(const std::string& url) {
  // User info may hold a password: never echo it.
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return url.find('@') == std::string::npos ? url : "(a URL with user info)";
  }
  const auto start = scheme_end + 3;
  const auto end = std::min(url.find_first_of("/?#", start), url.size());
  const auto at = url.rfind('@', end == 0 ? 0 : end - 1);
  if (at == std::string::npos || at < start) {
    return url;
  }
  return url.substr(0, start) + "***@" + url.substr(at + 1);
}

Result<ApiBaseUrl> parse_api_base_url(const std::string& raw_url) {
  const std::string url = displayable_url(raw_url);
  auto parsed = boost::urls::parse_absolute_uri(raw_url);
  const auto standard = split_authority(raw_url);
  if (!parsed || !standard) {
    return Error{"API URL '" + url + "' is not an absolute URL"};
  }
  const auto& uri = *parsed;
  ApiBaseUrl out;
  const std::string scheme(uri.scheme());
  if (scheme == "https") {
    out.tls = true;
    out.port = 443;
  } else if (scheme == "http") {
    out.tls = false;
    out.port = 80;
  } else {
    return Error{"API URL '" + url + "' must use https:// (or http:// to a loopback host)"};
  }
  if (uri.has_userinfo() || standard->has_userinfo || uri.has_query() || uri.has_fragment()) {
    return Error{"API URL '" + url + "' must not carry user info, a query or a fragment"};
  }
  out.host = std::string(uri.encoded_host());
  if (out.host.size() > 2 && out.host.front() == '[') {
    out.host = out.host.substr(1, out.host.size() - 2);
  }
  if (out.host.empty()) {
    return Error{"API URL '" + url + "' has no host"};
  }
  if (uri.has_port()) {
    const std::string port(uri.port());
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      return Error{"API URL '" + url + "' has an invalid port"};
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  if (!out.tls && !is_loopback_host(out.host)) {
    // Plain http would send the API token in clear text over the network.
    return Error{"API URL '" + url + "' uses plain http:// to a non-loopback host; use https://"};
  }
  out.path_prefix = std::string(uri.encoded_path());
  // Boost.URL 1.81 read "https://127.0.0.1.evil.example:8443/x" as host 127.0.0.1 with a
  // path ".evil.example:8443/x". Accept a URL only when host, port and path are what a
  // standard parser reads, so aigw never connects somewhere other than the URL says.
  std::string expected_host = out.host;
  if (expected_host.find(':') != std::string::npos) {
    expected_host = "[" + expected_host + "]";
  }
  const std::string written_port = uri.has_port() ? std::string(uri.port()) : "";
  if (standard->host != expected_host || standard->port != written_port ||
      !standard->rest.starts_with(out.path_prefix) ||
      (!out.path_prefix.empty() && out.path_prefix.front() != '/')) {
    return Error{"API URL '" + url + "' is ambiguous: its host, port or path is not what a "
                 "standard URL parser reads (write https://HOST[:PORT]/PATH)"};
  }
  while (!out.path_prefix.empty() && out.path_prefix.back() == '/') {
    out.path_prefix.pop_back();
  }
  return out;
}

} // namespace aigw::cloudflare
