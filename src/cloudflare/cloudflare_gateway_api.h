#pragma once
// CloudflareGatewayApi: the engine's GatewayApi over the Cloudflare REST API, one typed
// function per endpoint. The only code that knows URLs and which envelope each uses.

#include "cloudflare/api_transport.h"
#include "engine/gateway_api.h"
#include "model/field_spec.h"

#include <memory>
#include <string>

namespace aigw::cloudflare {

/// The real GatewayApi; each override is documented on the port (engine/gateway_api.h).
class CloudflareGatewayApi final : public engine::GatewayApi {
public:
  CloudflareGatewayApi(std::unique_ptr<ApiTransport> transport, std::string account_id);

  engine::ApiResult<std::vector<model::Gateway>> list_gateways() override;
  engine::ApiResult<std::vector<model::Gateway>>
  list_gateways_by_page(const GatewayPageSink& on_page) override;
  /// Sends the whole read from the calling thread (ApiBatch): one poll() waits for every
  /// answer in flight; the session's connection limit bounds it (concurrency is ignored).
  engine::GatewayTree read_gateway_tree(const WantsChildren& wants_children, int concurrency,
                                        const GatewayListSource& list = {}) override;
  engine::ApiResult<model::Gateway> create_gateway(const model::Gateway& gateway) override;
  engine::ApiResult<model::Gateway> update_gateway(const model::Gateway& gateway) override;
  engine::ApiStatus delete_gateway(const std::string& gateway_id) override;

  engine::ApiResult<std::vector<model::Dataset>> list_datasets(const std::string& gateway_id) override;
  engine::ApiResult<model::Dataset> create_dataset(const model::Dataset& dataset) override;
  engine::ApiResult<model::Dataset> update_dataset(const model::Dataset& dataset) override;
  engine::ApiStatus delete_dataset(const std::string& gateway_id,
                                   const std::string& server_id) override;

  engine::ApiResult<std::vector<model::ProviderConfig>>
  list_provider_configs(const std::string& gateway_id) override;
  engine::ApiResult<model::ProviderConfig>
  create_provider_config(const model::ProviderConfig& config) override;

  engine::ApiResult<std::vector<model::CustomProvider>> list_custom_providers() override;
  engine::ApiResult<model::CustomProvider>
  create_custom_provider(const model::CustomProvider& provider) override;
  engine::ApiStatus delete_custom_provider(const std::string& server_id) override;

  engine::ApiResult<std::vector<model::Route>> list_routes(const std::string& gateway_id) override;
  engine::ApiResult<model::Route> create_route(const model::Route& route) override;
  engine::ApiResult<model::Route> rename_route(const std::string& gateway_id,
                                               const std::string& route_id,
                                               const std::string& new_name) override;
  engine::ApiStatus delete_route(const std::string& gateway_id, const std::string& route_id) override;
  engine::ApiResult<std::vector<model::RouteVersion>>
  list_route_versions(const std::string& gateway_id, const std::string& route_id) override;
  engine::ApiStatus create_route_version(const std::string& gateway_id, const std::string& route_id,
                                         const std::vector<model::RouteElement>& elements) override;
  engine::ApiStatus create_route_deployment(const std::string& gateway_id,
                                            const std::string& route_id,
                                            const std::string& version_id) override;

  engine::ApiResult<std::optional<model::SpendingLimit>> get_spending_limit() override;
  engine::ApiStatus set_spending_limit(const model::SpendingLimit& limit) override;
  engine::ApiStatus delete_spending_limit() override;
  engine::ApiResult<std::optional<model::AutoTopup>> get_auto_topup() override;
  engine::ApiStatus set_auto_topup(const model::AutoTopup& topup) override;
  engine::ApiStatus delete_auto_topup() override;

  engine::ApiResult<std::uint64_t> count_logs(const engine::LogCountQuery& query) override;

  /// The gateway's endpoint URL for a provider (GET .../url/{provider}).
  engine::ApiResult<std::string> get_gateway_url(const std::string& gateway_id,
                                                 const std::string& provider);

  [[nodiscard]] engine::ApiStats stats() const override { return m_transport->stats(); }
  /// Connections opened so far (for keep-alive checks and benchmarks).
  [[nodiscard]] std::uint64_t connections_opened() const { return m_transport->connections_opened(); }

private:
  /// The list call of one kind of gateway child and where its items are (read_page's
  /// data_key).
  struct ChildListCall {
    ApiCall call;
    std::string data_key;
  };
  /// nullopt for a kind not listed per gateway.
  [[nodiscard]] std::optional<ChildListCall> child_list_call(model::ResourceKind kind,
                                              const std::string& gateway_id) const;
  /// "/accounts/{account_id}/ai-gateway" + suffix.
  [[nodiscard]] std::string path(const std::string& suffix) const;
  /// "/accounts/{account_id}/ai-gateway/gateways/{gateway_id}" + suffix.
  [[nodiscard]] std::string gateway_path(const std::string& gateway_id,
                                         const std::string& suffix) const;
  /// Sends a call and returns its decoded body.
  engine::ApiResult<model::Value> send(std::string method, std::string path, std::string endpoint,
                                       std::optional<model::Value> body = std::nullopt);
  /// Sends a call and returns the member `key` of its body.
  engine::ApiResult<model::Value> send_for(const std::string& key, std::string method,
                                           std::string path, std::string endpoint,
                                           std::optional<model::Value> body = std::nullopt);

  /// A billing singleton call: GET returns its `result`, other methods the decoded body.
  engine::ApiResult<model::Value> billing(const std::string& method, model::ResourceKind kind,
                                          std::optional<model::Value> body = std::nullopt);

  std::unique_ptr<ApiTransport> m_transport;
  std::string m_account_id;
};

} // namespace aigw::cloudflare
