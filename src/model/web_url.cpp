#include "model/web_url.h"

#include "util/concat.h"

namespace aigw::model {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_unreserved(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
bool is_sub_delim(char c) { return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos; }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

/// The character as a message shows it: quoted when printable, else its byte value.
std::string shown(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte > ' ' && byte < 0x7f) {
    return concat("'", std::string(1, c), "'");
  }
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  return std::string(byte == ' ' ? "a space" : "the byte 0x") +
         (byte == ' ' ? "" : std::string{k_hex[byte >> 4U], k_hex[byte & 0xfU]});
}

/// The problem with the characters of one part (userinfo, host, path and after), where
/// `extra` lists what the part allows besides unreserved characters, sub-delims and
/// percent-encoded bytes; empty when there is none.
std::string characters_problem(std::string_view part, std::string_view extra) {
  for (std::size_t i = 0; i < part.size(); ++i) {
    const char c = part[i];
    if (c == '%') {
      if (i + 2 >= part.size() || !is_hex(part[i + 1]) || !is_hex(part[i + 2])) {
        return "has a '%' not followed by two hex digits (a literal '%' is written %25)";
      }
      i += 2;
    } else if (!is_unreserved(c) && !is_sub_delim(c) && extra.find(c) == std::string_view::npos) {
      return concat("contains ", shown(c), ", which a URL must percent-encode");
    }
  }
  return {};
}

/// The problem with `host[:port]`, empty when there is none.
std::string host_port_problem(std::string_view text) {
  std::string_view host = text;
  std::string_view port;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) {
      return "has a '[' with no ']' around its IPv6 host";
    }
    host = text.substr(1, close - 1);
    if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) {
      return "has an IPv6 host that is not hex digits, ':' and '.'";
    }
    const auto after = text.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) {
      return "has text after its IPv6 host's ']' that is not a :port";
    }
    port = after.empty() ? after : after.substr(1);
  } else {
    const auto colon = text.find(':');
    host = text.substr(0, colon);
    port = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    if (host.empty()) {
      return "has no host (https://HOST/...)";
    }
    if (auto problem = characters_problem(host, ""); !problem.empty()) {
      return problem;
    }
  }
  for (const char c : port) {
    if (!is_digit(c)) {
      return "has a port that is not a number";
    }
  }
  return {};
}

} // namespace

std::string web_url_problem(std::string_view text) {
  const auto colon = text.find(':');
  const auto scheme = text.substr(0, colon);
  const bool scheme_ok = colon != std::string_view::npos && !scheme.empty() && is_alpha(scheme[0]) &&
                         scheme.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                  "0123456789+-.") == std::string_view::npos;
  auto rest = text.substr(colon == std::string_view::npos ? text.size() : colon + 1);
  const auto name = lower(scheme);
  const bool web = scheme_ok && (name == "http" || name == "https");
  // "api.example.com:443/v1" is syntactically a scheme and a path: it reads as one forgotten.
  if (!web && !(scheme_ok && rest.starts_with("//"))) {
    return "has no scheme (http:// or https://)";
  }
  if (!web) {
    return concat("has the scheme '", scheme, "', not http or https");
  }
  if (!rest.starts_with("//")) {
    return concat("has no host (", scheme, "://HOST/...)");
  }
  rest.remove_prefix(2);
  const auto authority_end = rest.find_first_of("/?#");
  const auto authority = rest.substr(0, authority_end);
  const auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    if (auto problem = characters_problem(authority.substr(0, at), ":"); !problem.empty()) {
      return problem;
    }
  }
  if (auto problem = host_port_problem(at == std::string_view::npos ? authority
                                                                     : authority.substr(at + 1));
      !problem.empty()) {
    return problem;
  }
  if (authority_end == std::string_view::npos) {
    return {};
  }
  // Path and query, then at most one '#' before the fragment.
  const auto after = rest.substr(authority_end);
  const auto hash = after.find('#');
  if (auto problem = characters_problem(after.substr(0, hash), ":@/?"); !problem.empty()) {
    return problem;
  }
  if (hash != std::string_view::npos) {
    return characters_problem(after.substr(hash + 1), ":@/?");
  }
  return {};
}

bool is_web_url(std::string_view text) { return web_url_problem(text).empty(); }

} // namespace aigw::model
