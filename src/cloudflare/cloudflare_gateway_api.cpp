#include "cloudflare/cloudflare_gateway_api.h"

#include "cloudflare/envelope.h"
#include "cloudflare/resource_codec.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <cmath>
#include <ctime>

namespace aigw::cloudflare {
namespace {

using engine::ApiError;
using engine::ApiResult;
using engine::ApiStatus;

/// Percent-encodes one path segment (ids come from YAML and from the server).
std::string segment(const std::string& text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

/// Applies a codec function to a payload, turning its error into a decode ApiError.
template <class T, class Decode>
ApiResult<T> decode_value(ApiResult<model::Value> payload, const RequestInfo& info, Decode decode) {
  if (!payload) {
    return std::move(payload).error();
  }
  auto decoded = decode(std::move(*payload));
  if (!decoded) {
    return make_api_error(ApiError::Kind::decode, info, decoded.error().message);
  }
  return std::move(decoded).value();
}

template <class T, class Decode>
ApiResult<std::vector<T>> decode_list(ApiResult<model::Array> items, const RequestInfo& info,
                                      Decode decode) {
  if (!items) {
    return std::move(items).error();
  }
  std::vector<T> out;
  out.reserve(items->size());
  for (auto& item : *items) {
    auto decoded = decode(std::move(item));
    if (!decoded) {
      return make_api_error(ApiError::Kind::decode, info, decoded.error().message);
    }
    out.push_back(std::move(decoded).value());
  }
  return out;
}

ApiStatus status_of(const ApiResult<model::Value>& result) {
  if (!result) {
    return result.error();
  }
  return Unit{};
}

/// RFC 3339 UTC date-time, to the second ("2026-12-01T13:00:00Z").
std::string rfc3339(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, length);
}

} // namespace

CloudflareGatewayApi::CloudflareGatewayApi(std::unique_ptr<ApiTransport> transport,
                                           std::string account_id)
    : m_transport(std::move(transport)), m_account_id(std::move(account_id)) {}

std::string CloudflareGatewayApi::path(const std::string& suffix) const {
  return "/accounts/" + segment(m_account_id) + "/ai-gateway" + suffix;
}

std::string CloudflareGatewayApi::gateway_path(const std::string& gateway_id,
                                               const std::string& suffix) const {
  return path("/gateways/" + segment(gateway_id) + suffix);
}

ApiResult<model::Value> CloudflareGatewayApi::send(std::string method, std::string call_path,
                                                   std::string endpoint,
                                                   std::optional<model::Value> body) {
  return m_transport->call(
      {std::move(method), std::move(call_path), std::move(endpoint), std::move(body), {}});
}

ApiResult<model::Value> CloudflareGatewayApi::send_for(const std::string& key, std::string method,
                                                       std::string call_path, std::string endpoint,
                                                       std::optional<model::Value> body) {
  const RequestInfo info{method, call_path};
  auto decoded = send(std::move(method), std::move(call_path), std::move(endpoint), std::move(body));
  if (!decoded) {
    return decoded;
  }
  return envelope_member(info, *decoded, key);
}

// Gateways.

ApiResult<std::vector<model::Gateway>> CloudflareGatewayApi::list_gateways() {
  return list_gateways_by_page([](const std::vector<model::Gateway>&) {});
}

ApiResult<std::vector<model::Gateway>>
CloudflareGatewayApi::list_gateways_by_page(const GatewayPageSink& on_page) {
  const std::string p = path("/gateways");
  std::vector<std::pair<int, std::vector<model::Gateway>>> pages;
  auto listed = m_transport->for_each_page(
      {"GET", p, "gateways", {}, {}}, "", [&](int number, model::Array& items) {
        auto decoded = decode_list<model::Gateway>(std::move(items), {"GET", p}, gateway_from_value);
        if (!decoded) {
          return std::optional<ApiError>(std::move(decoded).error());
        }
        on_page(*decoded);
        pages.emplace_back(number, std::move(decoded).value());
        return std::optional<ApiError>();
      });
  if (!listed) {
    return std::move(listed).error();
  }
  std::sort(pages.begin(), pages.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<model::Gateway> all;
  for (auto& page : pages) {
    std::move(page.second.begin(), page.second.end(), std::back_inserter(all));
  }
  return all;
}

ApiResult<model::Gateway> CloudflareGatewayApi::create_gateway(const model::Gateway& gateway) {
  const std::string p = path("/gateways");
  return decode_value<model::Gateway>(
      send_for("result", "POST", p, "gateways", gateway_body(gateway)), {"POST", p},
      gateway_from_value);
}

ApiResult<model::Gateway> CloudflareGatewayApi::update_gateway(const model::Gateway& gateway) {
  const std::string p = gateway_path(gateway.id, "");
  return decode_value<model::Gateway>(
      send_for("result", "PUT", p, "gateways/{id}", gateway_body(gateway)), {"PUT", p},
      gateway_from_value);
}

ApiStatus CloudflareGatewayApi::delete_gateway(const std::string& gateway_id) {
  return status_of(send("DELETE", gateway_path(gateway_id, ""), "gateways/{id}"));
}

// Datasets.

ApiResult<std::vector<model::Dataset>>
CloudflareGatewayApi::list_datasets(const std::string& gateway_id) {
  const std::string p = gateway_path(gateway_id, "/datasets");
  return decode_list<model::Dataset>(
      m_transport->list_all({"GET", p, "gateways/{id}/datasets", {}, {}}, ""), {"GET", p},
      [&](model::Value v) { return dataset_from_value(gateway_id, std::move(v)); });
}

ApiResult<model::Dataset> CloudflareGatewayApi::create_dataset(const model::Dataset& dataset) {
  const std::string p = gateway_path(dataset.gateway_id, "/datasets");
  return decode_value<model::Dataset>(
      send_for("result", "POST", p, "gateways/{id}/datasets", dataset_body(dataset)), {"POST", p},
      [&](model::Value v) { return dataset_from_value(dataset.gateway_id, std::move(v)); });
}

ApiResult<model::Dataset> CloudflareGatewayApi::update_dataset(const model::Dataset& dataset) {
  const std::string p = gateway_path(dataset.gateway_id, "/datasets/" + segment(dataset.server_id));
  return decode_value<model::Dataset>(
      send_for("result", "PUT", p, "gateways/{id}/datasets/{id}", dataset_body(dataset)),
      {"PUT", p}, [&](model::Value v) { return dataset_from_value(dataset.gateway_id, std::move(v)); });
}

ApiStatus CloudflareGatewayApi::delete_dataset(const std::string& gateway_id,
                                               const std::string& server_id) {
  return status_of(send("DELETE", gateway_path(gateway_id, "/datasets/" + segment(server_id)),
                        "gateways/{id}/datasets/{id}"));
}

// Provider configs.

ApiResult<std::vector<model::ProviderConfig>>
CloudflareGatewayApi::list_provider_configs(const std::string& gateway_id) {
  const std::string p = gateway_path(gateway_id, "/provider_configs");
  return decode_list<model::ProviderConfig>(
      m_transport->list_all({"GET", p, "gateways/{id}/provider_configs", {}, {}}, ""),
      {"GET", p}, [&](model::Value v) { return provider_config_from_value(gateway_id, std::move(v)); });
}

ApiResult<model::ProviderConfig>
CloudflareGatewayApi::create_provider_config(const model::ProviderConfig& config) {
  const std::string p = gateway_path(config.gateway_id, "/provider_configs");
  return decode_value<model::ProviderConfig>(
      send_for("result", "POST", p, "gateways/{id}/provider_configs", provider_config_body(config)),
      {"POST", p},
      [&](model::Value v) { return provider_config_from_value(config.gateway_id, std::move(v)); });
}

// Dynamic routes: lists use {"data": {...}}, PATCH answers {"route": ...}.

ApiResult<std::vector<model::Route>> CloudflareGatewayApi::list_routes(const std::string& gateway_id) {
  const std::string p = gateway_path(gateway_id, "/routes");
  return decode_list<model::Route>(
      m_transport->list_all({"GET", p, "gateways/{id}/routes", {}, {}}, "routes"), {"GET", p},
      [&](model::Value v) { return route_from_value(gateway_id, std::move(v)); });
}

ApiResult<model::Route> CloudflareGatewayApi::create_route(const model::Route& route) {
  const std::string p = gateway_path(route.gateway_id, "/routes");
  return decode_value<model::Route>(
      send_for("result", "POST", p, "gateways/{id}/routes", route_create_body(route)), {"POST", p},
      [&](model::Value v) { return route_from_value(route.gateway_id, std::move(v)); });
}

ApiResult<model::Route> CloudflareGatewayApi::rename_route(const std::string& gateway_id,
                                                           const std::string& route_id,
                                                           const std::string& new_name) {
  const std::string p = gateway_path(gateway_id, "/routes/" + segment(route_id));
  return decode_value<model::Route>(
      send_for("route", "PATCH", p, "gateways/{id}/routes/{id}",
               model::Value(model::Object{{"name", new_name}})),
      {"PATCH", p}, [&](model::Value v) { return route_from_value(gateway_id, std::move(v)); });
}

ApiStatus CloudflareGatewayApi::delete_route(const std::string& gateway_id,
                                             const std::string& route_id) {
  return status_of(send("DELETE", gateway_path(gateway_id, "/routes/" + segment(route_id)),
                        "gateways/{id}/routes/{id}"));
}

ApiResult<std::vector<model::RouteVersion>>
CloudflareGatewayApi::list_route_versions(const std::string& gateway_id,
                                          const std::string& route_id) {
  const std::string p = gateway_path(gateway_id, "/routes/" + segment(route_id) + "/versions");
  return decode_list<model::RouteVersion>(
      m_transport->list_all({"GET", p, "gateways/{id}/routes/{id}/versions", {}, {}}, "versions"),
      {"GET", p}, route_version_from_value);
}

ApiStatus CloudflareGatewayApi::create_route_version(const std::string& gateway_id,
                                                     const std::string& route_id,
                                                     const std::vector<model::RouteElement>& elements) {
  return status_of(send("POST", gateway_path(gateway_id, "/routes/" + segment(route_id) + "/versions"),
                        "gateways/{id}/routes/{id}/versions",
                        model::Value(model::Object{{"elements", model::elements_to_value(elements)}})));
}

ApiStatus CloudflareGatewayApi::create_route_deployment(const std::string& gateway_id,
                                                        const std::string& route_id,
                                                        const std::string& version_id) {
  return status_of(
      send("POST", gateway_path(gateway_id, "/routes/" + segment(route_id) + "/deployments"),
           "gateways/{id}/routes/{id}/deployments",
           model::Value(model::Object{{"version_id", version_id}})));
}

// Logs: only counted. per_page=1 keeps the answer small; result_info.total_count is the
// number of logs matching the filters, whatever the page size.

ApiResult<std::uint64_t> CloudflareGatewayApi::count_logs(const engine::LogCountQuery& query) {
  const std::string p = gateway_path(query.gateway_id, "/logs");
  std::string q = "per_page=1&start_date=" + segment(rfc3339(query.since));
  if (query.success) {
    q += std::string("&success=") + (*query.success ? "true" : "false");
  }
  if (!query.model.empty()) {
    q += "&model=" + segment(query.model);
  }
  const RequestInfo info{"GET", p};
  auto body = m_transport->call({"GET", p, "gateways/{id}/logs", std::nullopt, q});
  if (!body) {
    return std::move(body).error();
  }
  const model::Value* result_info = body->is_object() ? body->find("result_info") : nullptr;
  const model::Value* total =
      result_info != nullptr && result_info->is_object() ? result_info->find("total_count") : nullptr;
  if (total == nullptr || !total->is_number() || total->as_number() < 0 ||
      std::floor(total->as_number()) != total->as_number()) {
    return make_api_error(ApiError::Kind::decode, info,
                          "the logs list has no whole `result_info.total_count`");
  }
  return static_cast<std::uint64_t>(total->as_number());
}

// Custom providers (account level): list, create, delete; the API has no update.

ApiResult<std::vector<model::CustomProvider>> CloudflareGatewayApi::list_custom_providers() {
  const std::string p = path("/custom-providers");
  return decode_list<model::CustomProvider>(
      m_transport->list_all({"GET", p, "custom-providers", {}, {}}, ""), {"GET", p},
      custom_provider_from_value);
}

ApiResult<model::CustomProvider>
CloudflareGatewayApi::create_custom_provider(const model::CustomProvider& provider) {
  const std::string p = path("/custom-providers");
  return decode_value<model::CustomProvider>(
      send_for("result", "POST", p, "custom-providers", custom_provider_body(provider)),
      {"POST", p}, custom_provider_from_value);
}

ApiStatus CloudflareGatewayApi::delete_custom_provider(const std::string& server_id) {
  return status_of(
      send("DELETE", path("/custom-providers/" + segment(server_id)), "custom-providers/{id}"));
}

// Billing singletons: GET reads `result`, POST sets, DELETE removes.

ApiResult<model::Value> CloudflareGatewayApi::billing(const std::string& method,
                                                      model::ResourceKind kind,
                                                      std::optional<model::Value> body) {
  const std::string endpoint = kind == model::ResourceKind::spending_limit
                                   ? "billing/spending-limit"
                                   : "billing/topup/config";
  const RequestInfo info{method, path("/" + endpoint)};
  if (method != "GET") {
    return send(method, info.path, endpoint, std::move(body));
  }
  return send_for("result", method, info.path, endpoint);
}

ApiResult<std::optional<model::SpendingLimit>> CloudflareGatewayApi::get_spending_limit() {
  return decode_value<std::optional<model::SpendingLimit>>(
      billing("GET", model::ResourceKind::spending_limit),
      {"GET", path("/billing/spending-limit")}, spending_limit_from_value);
}

ApiStatus CloudflareGatewayApi::set_spending_limit(const model::SpendingLimit& limit) {
  const auto kind = model::ResourceKind::spending_limit;
  return status_of(billing("POST", kind, billing_body(kind, limit.fields)));
}

ApiStatus CloudflareGatewayApi::delete_spending_limit() {
  return status_of(billing("DELETE", model::ResourceKind::spending_limit));
}

ApiResult<std::optional<model::AutoTopup>> CloudflareGatewayApi::get_auto_topup() {
  return decode_value<std::optional<model::AutoTopup>>(
      billing("GET", model::ResourceKind::auto_topup), {"GET", path("/billing/topup/config")},
      auto_topup_from_value);
}

ApiStatus CloudflareGatewayApi::set_auto_topup(const model::AutoTopup& topup) {
  const auto kind = model::ResourceKind::auto_topup;
  return status_of(billing("POST", kind, billing_body(kind, topup.fields)));
}

ApiStatus CloudflareGatewayApi::delete_auto_topup() {
  return status_of(billing("DELETE", model::ResourceKind::auto_topup));
}

ApiResult<std::string> CloudflareGatewayApi::get_gateway_url(const std::string& gateway_id,
                                                             const std::string& provider) {
  const std::string p = gateway_path(gateway_id, "/url/" + segment(provider));
  return decode_value<std::string>(send_for("result", "GET", p, "gateways/{id}/url/{provider}"),
                                   {"GET", p}, [](const model::Value& v) -> Result<std::string> {
                                     if (!v.is_string()) {
                                       return Error{"'result' is not a string"};
                                     }
                                     return v.as_string();
                                   });
}

} // namespace aigw::cloudflare
