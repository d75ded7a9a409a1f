#include "emulator/log_query.h"

#include "emulator/reference_fields.h"
#include "emulator/strict_json.h"
#include "emulator/timestamp.h"
#include "emulator/validation.h"
#include "util/concat.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

namespace aigw::emulator {
namespace json = boost::json;

namespace {

const reference::Field& filters_field(reference::Query query) {
  for (const auto& field : reference::query_fields(query)) {
    if (field.name == "filters") {
      return field;
    }
  }
  return reference::query_fields(query).front();
}

// A bracket index "[12]" at `at`; the position after it.
std::optional<std::pair<std::size_t, std::size_t>> index_at(std::string_view key, std::size_t at) {
  if (at >= key.size() || key[at] != '[') {
    return std::nullopt;
  }
  const std::size_t close = key.find(']', at);
  if (close == std::string_view::npos) {
    return std::nullopt;
  }
  std::size_t index = 0;
  const auto* begin = key.data() + at + 1;
  const auto [end, ec] = std::from_chars(begin, key.data() + close, index);
  if (ec != std::errc{} || end != key.data() + close || index > 1000) {
    return std::nullopt;
  }
  return std::pair{index, close + 1};
}

// A query value as the JSON scalar it spells (true/false/number), else the string.
json::value scalar_of(const std::string& text) {
  if (text == "true" || text == "false") {
    return text == "true";
  }
  double number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (!text.empty() && ec == std::errc{} && end == text.data() + text.size()) {
    return number;
  }
  return json::string(text);
}

ApiResult<json::array> bracket_filters(const Request& request) {
  std::map<std::size_t, json::object> filters;
  for (const auto& [key, value] : request.query) {
    if (!key.starts_with("filters[")) {
      continue;
    }
    const auto index = index_at(key, std::string_view("filters").size());
    if (!index) {
      return invalid_request("malformed query key '" + key + "'");
    }
    const std::string_view rest = std::string_view(key).substr(index->second);
    json::object& filter = filters[index->first];
    if (rest == "[key]" || rest == "[operator]") {
      filter[rest.substr(1, rest.size() - 2)] = value;
    } else if (rest.starts_with("[value]")) {
      auto& values = filter["value"];
      if (!values.is_array()) {
        values = json::array{};
      }
      values.as_array().push_back(scalar_of(value));
    } else {
      return invalid_request("malformed query key '" + key + "'");
    }
  }
  json::array out;
  for (auto& [index, filter] : filters) {
    out.push_back(std::move(filter));
  }
  return out;
}

double number_of(const json::object& log, std::string_view key) {
  const auto* value = log.if_contains(key);
  return value != nullptr && value->is_number() ? value->to_number<double>() : 0.0;
}

std::string text_of(const json::object& log, std::string_view key) {
  const auto* value = log.if_contains(key);
  if (value == nullptr || value->is_null()) {
    return {};
  }
  return value->is_string() ? std::string(value->as_string()) : json::serialize(*value);
}

// A log field as a filter compares it; `tokens` is the total.
json::value filter_operand(const json::object& log, std::string_view key) {
  if (key == "tokens") {
    return number_of(log, "tokens_in") + number_of(log, "tokens_out");
  }
  const auto* value = log.if_contains(key);
  return value == nullptr ? json::value(nullptr) : *value;
}

bool equal(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) {
    return a.to_number<double>() == b.to_number<double>();
  }
  if (a.is_bool() && b.is_string()) {
    return (a.as_bool() ? "true" : "false") == b.as_string();
  }
  return a == b;
}

bool matches_filter(const json::object& log, const json::object& filter) {
  const std::string_view key = filter.at("key").as_string();
  const std::string_view op = filter.at("operator").as_string();
  const json::value operand = filter_operand(log, key);
  const auto& values = filter.at("value").as_array();
  return std::any_of(values.begin(), values.end(), [&](const json::value& wanted) {
    if (op == "eq") {
      return equal(operand, wanted);
    }
    if (op == "neq") {
      return !equal(operand, wanted);
    }
    if (op == "contains") {
      return wanted.is_string() && operand.is_string() &&
             operand.as_string().find(wanted.as_string()) != json::string::npos;
    }
    if (!operand.is_number() || !wanted.is_number()) {
      return false;
    }
    return op == "lt" ? operand.to_number<double>() < wanted.to_number<double>()
                      : operand.to_number<double>() > wanted.to_number<double>();
  });
}

// The query's simple filters: each parameter against one log field.
struct Bounds {
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
};

bool matches_query(const LogRecord& record, const Request& request, const Bounds& bounds) {
  const json::object& log = record.fields;
  for (const char* key : {"success", "cached"}) {
    if (const auto* wanted = request.query_value(key)) {
      const auto* value = log.if_contains(key);
      if (value == nullptr || !value->is_bool() || value->as_bool() != (*wanted == "true")) {
        return false;
      }
    }
  }
  for (const char* key : {"provider", "model", "model_type", "request_content_type",
                          "response_content_type"}) {
    if (const auto* wanted = request.query_value(key); wanted != nullptr && text_of(log, key) != *wanted) {
      return false;
    }
  }
  if (const auto* wanted = request.query_value("feedback");
      wanted != nullptr && text_of(log, "feedback") != *wanted) {
    return false;
  }
  const double total = number_of(log, "tokens_in") + number_of(log, "tokens_out");
  const std::pair<const char*, double> measures[] = {
      {"cost", number_of(log, "cost")},           {"duration", number_of(log, "duration")},
      {"tokens_in", number_of(log, "tokens_in")}, {"tokens_out", number_of(log, "tokens_out")},
      {"total_tokens", total}};
  for (const auto& [name, value] : measures) {
    const std::string suffix(name);
    if (const auto* min = request.query_value("min_" + suffix); min != nullptr && value < std::stod(*min)) {
      return false;
    }
    if (const auto* max = request.query_value("max_" + suffix); max != nullptr && value > std::stod(*max)) {
      return false;
    }
  }
  if ((bounds.start_ms && record.created_ms < *bounds.start_ms) ||
      (bounds.end_ms && record.created_ms > *bounds.end_ms)) {
    return false;
  }
  if (const auto* search = request.query_value("search")) {
    constexpr std::array<std::string_view, 4> k_searched = {"id", "model", "provider", "path"};
    const bool found = std::any_of(k_searched.begin(), k_searched.end(), [&](std::string_view key) {
      return text_of(log, key).find(*search) != std::string::npos;
    });
    if (!found) {
      return false;
    }
  }
  return true;
}

} // namespace

// The dotted form the official TypeScript SDK sends (`filters.key=success&
// filters.operator=eq&filters.value=false`): the n-th key goes with the n-th operator; with
// one filter every value is its, with several each takes one value in order.
ApiResult<json::array> dotted_filters(const Request& request) {
  std::vector<std::string> keys;
  std::vector<std::string> operators;
  std::vector<std::string> values;
  for (const auto& [key, value] : request.query) {
    if (key == "filters.key") {
      keys.push_back(value);
    } else if (key == "filters.operator") {
      operators.push_back(value);
    } else if (key == "filters.value") {
      values.push_back(value);
    }
  }
  if (keys.size() != operators.size() || (keys.size() > 1 && values.size() != keys.size())) {
    return invalid_request("'filters.key', 'filters.operator' and 'filters.value' do not pair up");
  }
  json::array out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    json::array filter_values;
    if (keys.size() == 1) {
      for (const auto& value : values) {
        filter_values.push_back(scalar_of(value));
      }
    } else {
      filter_values.push_back(scalar_of(values[i]));
    }
    out.push_back(json::object{{"key", keys[i]}, {"operator", operators[i]}, {"value", filter_values}});
  }
  return out;
}

ApiResult<json::array> parse_log_filters(const Request& request) {
  json::array filters;
  if (request.query_value("filters.key") != nullptr) {
    auto dotted = dotted_filters(request);
    if (!dotted) {
      return dotted.error();
    }
    filters = std::move(*dotted);
  } else if (const auto* text = request.query_value("filters")) {
    auto parsed = parse_strict_json(*text);
    auto* value = std::get_if<json::value>(&parsed);
    if (value == nullptr || !value->is_array()) {
      return invalid_request("'filters' must be a JSON array");
    }
    filters = value->as_array();
  } else {
    auto bracketed = bracket_filters(request);
    if (!bracketed) {
      return bracketed.error();
    }
    filters = std::move(*bracketed);
  }
  if (auto error = check_value(filters_field(reference::Query::logs_list), filters, "filters")) {
    return *error;
  }
  return filters;
}

ApiResult<std::vector<const LogRecord*>> matching_logs(const GatewayRecord& gateway,
                                                       const Request& request) {
  auto filters = parse_log_filters(request);
  if (!filters) {
    return filters.error();
  }
  Bounds bounds;
  for (const auto& [key, target] : {std::pair{"start_date", &bounds.start_ms},
                                    std::pair{"end_date", &bounds.end_ms}}) {
    if (const auto* text = request.query_value(key)) {
      *target = parse_timestamp_ms(*text);
      if (!*target) {
        return invalid_request(concat("'", key, "' must be an RFC 3339 date or date-time"));
      }
    }
  }
  std::vector<const LogRecord*> out;
  for (const auto& record : gateway.logs) {
    if (!matches_query(record, request, bounds)) {
      continue;
    }
    const bool kept = std::all_of(filters->begin(), filters->end(), [&](const json::value& f) {
      return matches_filter(record.fields, f.as_object());
    });
    if (kept) {
      out.push_back(&record);
    }
  }
  const std::string* order_by = request.query_value("order_by");
  const std::string* direction = request.query_value("order_by_direction");
  if (direction == nullptr) {
    direction = request.query_value("direction");
  }
  const bool ascending = direction != nullptr && *direction == "asc";
  const std::string key = order_by == nullptr ? "created_at" : *order_by;
  // Logs are stored oldest first; a stable sort of the list (reversed for descending order)
  // keeps equal keys in creation order, newest first when descending.
  if (!ascending) {
    std::reverse(out.begin(), out.end());
  }
  std::stable_sort(out.begin(), out.end(), [&](const LogRecord* a, const LogRecord* b) {
    if (key == "created_at") {
      return ascending ? a->created_ms < b->created_ms : a->created_ms > b->created_ms;
    }
    const json::value left = filter_operand(a->fields, key);
    const json::value right = filter_operand(b->fields, key);
    if (left.is_number() && right.is_number()) {
      return ascending ? left.to_number<double>() < right.to_number<double>()
                       : left.to_number<double>() > right.to_number<double>();
    }
    const std::string l = text_of(a->fields, key);
    const std::string r = text_of(b->fields, key);
    return ascending ? l < r : l > r;
  });
  return out;
}

} // namespace aigw::emulator
