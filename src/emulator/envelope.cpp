#include "emulator/envelope.h"

#include <boost/json/serialize.hpp>

#include <algorithm>

namespace aigw::emulator {
namespace json = boost::json;

namespace {

Response success(json::object envelope) {
  envelope["success"] = true;
  envelope["errors"] = json::array{};
  envelope["messages"] = json::array{};
  return Response{.status = 200, .body = json::serialize(envelope)};
}

} // namespace

Response ok_result(json::value result) {
  json::object envelope;
  envelope["result"] = std::move(result);
  return success(std::move(envelope));
}

json::array slice_page(const json::array& all, const PageRequest& page) {
  json::array items;
  const std::size_t begin = (page.page - 1) * page.per_page;
  if (begin >= all.size()) {
    return items;
  }
  const std::size_t end = std::min(all.size(), begin + page.per_page);
  items.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    items.push_back(all[i]);
  }
  return items;
}

Response ok_page(const json::array& all, const PageRequest& page) {
  json::array items = slice_page(all, page);
  json::object info;
  info["page"] = page.page;
  info["per_page"] = page.per_page;
  info["count"] = items.size();
  info["total_count"] = all.size();
  json::object envelope;
  envelope["result"] = std::move(items);
  envelope["result_info"] = std::move(info);
  return success(std::move(envelope));
}

Response ok_result_with_info(json::value result, json::object result_info) {
  json::object envelope;
  envelope["result"] = std::move(result);
  envelope["result_info"] = std::move(result_info);
  return success(std::move(envelope));
}

Response ok_without_result() { return success(json::object{}); }

Response ok_keyed(std::string_view key, json::value payload) {
  json::object envelope;
  envelope[key] = std::move(payload);
  return success(std::move(envelope));
}

Response error_response(const ApiError& error) {
  json::object envelope;
  envelope["result"] = nullptr;
  envelope["success"] = false;
  envelope["errors"] = json::array{json::object{{"code", error.code}, {"message", error.message}}};
  envelope["messages"] = json::array{};
  Response response{.status = error.status, .body = json::serialize(envelope)};
  return response;
}

} // namespace aigw::emulator
