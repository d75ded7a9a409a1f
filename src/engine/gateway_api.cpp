#include "engine/gateway_api.h"

namespace aigw::engine {

ApiResult<std::vector<model::Gateway>>
GatewayApi::list_gateways_by_page(const GatewayPageSink& on_page) {
  auto gateways = list_gateways();
  if (gateways) {
    on_page(*gateways);
  }
  return gateways;
}

ApiResult<std::uint64_t> GatewayApi::count_logs(const LogCountQuery& query) {
  ApiError error;
  error.kind = ApiError::Kind::config;
  error.method = "GET";
  error.path = "gateways/" + query.gateway_id + "/logs";
  error.message = "this API client cannot read logs";
  return error;
}

namespace {

ApiError no_custom_providers(std::string method) {
  ApiError error;
  error.kind = ApiError::Kind::config;
  error.method = std::move(method);
  error.path = "custom-providers";
  error.message = "this API client cannot manage custom providers";
  return error;
}

} // namespace

ApiResult<std::vector<model::CustomProvider>> GatewayApi::list_custom_providers() {
  return no_custom_providers("GET");
}

ApiResult<model::CustomProvider> GatewayApi::create_custom_provider(const model::CustomProvider&) {
  return no_custom_providers("POST");
}

ApiStatus GatewayApi::delete_custom_provider(const std::string&) {
  return no_custom_providers("DELETE");
}

} // namespace aigw::engine
