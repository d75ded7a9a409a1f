#pragma once
// The API's response envelopes: `{result, success, errors, messages}`, `result_info` on
// paged lists, and the dynamic-routing quirks (`data.*`, `route`).

#include "emulator/api_error.h"
#include "emulator/http_message.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>

namespace aigw::emulator {

/// Which slice of a list a request asked for.
struct PageRequest {
  std::size_t page = 1;
  std::size_t per_page = 20;
};

/// 200 with `result`.
Response ok_result(boost::json::value result);
/// 200 with `result` (one page of items) and `result_info {page, per_page, count, total_count}`.
Response ok_page(const boost::json::array& all, const PageRequest& page);
/// 200 with `result` and a `result_info` object built by the caller.
Response ok_result_with_info(boost::json::value result, boost::json::object result_info);
/// 200 with `success: true` and no `result` (what deleting logs answers).
Response ok_without_result();
/// 200 with the payload under another top-level key (`data` for route lists, `route` for PATCH).
Response ok_keyed(std::string_view key, boost::json::value payload);
/// The error envelope with the error's HTTP status.
Response error_response(const ApiError& error);

/// The items of one page; a page past the end is empty.
boost::json::array slice_page(const boost::json::array& all, const PageRequest& page);

} // namespace aigw::emulator
