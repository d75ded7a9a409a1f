#include "cloudflare/api_base_url.h"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>

#include <charconv>

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

Result<ApiBaseUrl> parse_api_base_url(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) {
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
  if (uri.has_userinfo() || uri.has_query() || uri.has_fragment()) {
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
  while (!out.path_prefix.empty() && out.path_prefix.back() == '/') {
    out.path_prefix.pop_back();
  }
  return out;
}

} // namespace aigw::cloudflare
