#pragma once
// ResponseReader: a Beast HTTP/1.1 response parser that keeps only what the client uses
// (status, body, Retry-After), so a response costs no allocation per header field. Beast's
// read functions take it as they take any basic_parser, and it can be fed a response in
// pieces as they arrive (see exchange_many).

#include "cloudflare/http_message.h"

#include <boost/beast/http/basic_parser.hpp>

#include <cstdint>
#include <string>

namespace aigw::cloudflare {

class ResponseReader final : public boost::beast::http::basic_parser<false> {
public:
  /// body_limit: the largest body accepted (Content-Length or the chunks' total).
  explicit ResponseReader(std::uint64_t body_limit);

  /// The response read so far (complete once is_done()); leaves the reader empty.
  [[nodiscard]] HttpResponse release();

private:
  using string_view = boost::beast::string_view;
  using error_code = boost::beast::error_code;
  using field = boost::beast::http::field;

  void on_request_impl(boost::beast::http::verb, string_view, string_view, int,
                       error_code& ec) override;
  void on_response_impl(int code, string_view reason, int version, error_code& ec) override;
  void on_field_impl(field name, string_view name_string, string_view value,
                     error_code& ec) override;
  void on_header_impl(error_code& ec) override;
  void on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                         error_code& ec) override;
  std::size_t on_body_impl(string_view body, error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t size, string_view extensions, error_code& ec) override;
  std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body, error_code& ec) override;
  void on_finish_impl(error_code& ec) override;

  HttpResponse m_response;
};

} // namespace aigw::cloudflare
