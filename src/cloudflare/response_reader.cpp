#include "cloudflare/response_reader.h"

#include <boost/beast/http/error.hpp>

#include <utility>

namespace aigw::cloudflare {

namespace http = boost::beast::http;

ResponseReader::ResponseReader(std::uint64_t body_limit) {
  this->body_limit(body_limit);
  header_limit(64 * 1024);
}

HttpResponse ResponseReader::release() { return std::exchange(m_response, {}); }

void ResponseReader::on_request_impl(http::verb, string_view, string_view, int, error_code& ec) {
  ec = http::error::bad_version; // never called for a response parser
}

void ResponseReader::on_response_impl(int code, string_view, int, error_code&) {
  m_response.status = code;
}

void ResponseReader::on_field_impl(field name, string_view, string_view value, error_code&) {
  if (name == field::retry_after && m_response.retry_after.empty()) { // the first one counts
    m_response.retry_after.assign(value.data(), value.size());
  }
}

void ResponseReader::on_header_impl(error_code&) {}

void ResponseReader::on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                                       error_code&) {
  // The parser has already refused a length over the body limit.
  if (content_length) {
    m_response.body.reserve(static_cast<std::size_t>(*content_length));
  }
}

std::size_t ResponseReader::on_body_impl(string_view body, error_code&) {
  m_response.body.append(body.data(), body.size());
  return body.size();
}

void ResponseReader::on_chunk_header_impl(std::uint64_t, string_view, error_code&) {}

std::size_t ResponseReader::on_chunk_body_impl(std::uint64_t, string_view body, error_code&) {
  m_response.body.append(body.data(), body.size());
  return body.size();
}

void ResponseReader::on_finish_impl(error_code&) {}

} // namespace aigw::cloudflare
