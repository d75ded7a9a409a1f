#include "cloudflare/paging.h"

#include <cmath>

namespace aigw::cloudflare {
namespace {

const model::Value* number_member(const model::Value* object, const std::string& key) {
  if (object == nullptr) {
    return nullptr;
  }
  const auto* member = object->find(key);
  return member != nullptr && member->is_number() ? member : nullptr;
}

bool more_after(const model::Value* info, std::size_t count, int page, int per_page) {
  if (count == 0) {
    return false;
  }
  if (info != nullptr) {
    if (const auto* has_more = info->find("has_more"); has_more != nullptr && has_more->is_bool()) {
      return has_more->as_bool();
    }
  }
  double size = per_page;
  if (const auto* reported = number_member(info, "per_page"); reported && reported->as_number() > 0) {
    size = reported->as_number();
  }
  if (const auto* pages = number_member(info, "total_pages"); pages && pages->as_number() > 0) {
    return page < pages->as_number();
  }
  if (const auto* total = number_member(info, "total_count"); total && total->as_number() > 0) {
    return page * size < total->as_number();
  }
  return static_cast<double>(count) >= size;
}

/// total_pages, else ceil(total_count / per_page); 0 when unknown or out of range.
int reported_pages(const model::Value* info, int per_page) {
  double size = per_page;
  if (const auto* reported = number_member(info, "per_page"); reported && reported->as_number() > 0) {
    size = reported->as_number();
  }
  double pages = 0;
  if (const auto* total = number_member(info, "total_pages"); total && total->as_number() > 0) {
    pages = total->as_number();
  } else if (const auto* count = number_member(info, "total_count"); count && count->as_number() > 0) {
    pages = std::ceil(count->as_number() / size);
  }
  return pages >= 1 && pages <= k_max_pages ? static_cast<int>(pages) : 0;
}

} // namespace

Result<Page> read_page(model::Value body, const std::string& data_key, int page, int per_page) {
  // The items are moved out of the body, not copied: a page is the bulk of a response.
  model::Value* items = nullptr;
  const model::Value* info = nullptr;
  const auto member = [](model::Value& object, const std::string& key) -> model::Value* {
    if (!object.is_object()) {
      return nullptr;
    }
    auto it = object.as_object().find(key);
    return it == object.as_object().end() ? nullptr : &it->second;
  };
  if (data_key.empty()) {
    items = member(body, "result");
    info = body.find("result_info");
    if (items == nullptr || !items->is_array()) {
      return Error{"'result' is missing or not an array"};
    }
  } else {
    model::Value* data = member(body, "data");
    if (data == nullptr || !data->is_object()) {
      return Error{"'data' is missing or not an object"};
    }
    info = data;
    items = member(*data, data_key);
    if (items == nullptr || !items->is_array()) {
      return Error{"'data." + data_key + "' is missing or not an array"};
    }
  }
  if (info != nullptr && !info->is_object()) {
    info = nullptr;
  }
  Page out;
  out.more = more_after(info, items->as_array().size(), page, per_page);
  out.total_pages = reported_pages(info, per_page);
  out.items = std::move(items->as_array());
  return out;
}

} // namespace aigw::cloudflare
