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

} // namespace aigw::engine
