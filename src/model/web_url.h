#pragma once
// The form of a field the table marks web_url (a custom provider's base_url, an OTel
// exporter's url): an absolute http or https URL with a host, written as RFC 3986 allows
// (the reference types the OTel url as `format: uri`; the API forwards to it over HTTP).

#include <string>
#include <string_view>

namespace aigw::model {

/// What keeps text from being an absolute http(s) URL with a host, as a phrase that
/// completes "the URL ..." ("has no scheme (http:// or https://)", "has no host"); empty
/// when it is one. Schemes compare without case ("HTTPS://h" is fine); an IPv6 host is
/// bracketed ("https://[::1]:8443/x"); a port is digits; anything outside RFC 3986's
/// characters (a space, '<', a byte above 0x7F) must be percent-encoded.
[[nodiscard]] std::string web_url_problem(std::string_view text);

/// True when web_url_problem(text) is empty.
[[nodiscard]] bool is_web_url(std::string_view text);

} // namespace aigw::model
