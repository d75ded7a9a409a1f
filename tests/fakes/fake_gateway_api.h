#pragma once
// FakeGatewayApi: an in-memory GatewayApi that behaves like the API (server ids, route
// versions and deployments, provider configs that can only be created) and records every
// call, so engine tests can check what was called and in which order.

#include "engine/gateway_api.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace aigw::test {

class FakeGatewayApi final : public engine::GatewayApi {
public:
  /// Live state the fake serves and changes. Tests may seed or inspect it directly.
  model::Resources state;
  /// Every version of every route, by route server id (versions are never removed).
  std::map<std::string, std::vector<model::RouteVersion>> versions;

  /// One logged request, as the logs list filters see it.
  struct Log {
    std::string gateway_id;
    std::chrono::system_clock::time_point created_at;
    bool success = true;
    std::string model;
  };
  /// Logs count_logs counts.
  std::vector<Log> logs;

  /// Calls in order, as "METHOD what [key]", e.g. "POST gateway support-bot".
  [[nodiscard]] std::vector<std::string> calls() const;
  /// Makes the next call whose description starts with prefix fail with error.
  /// When apply_first is true the change is made and then the error returned
  /// (an "outcome unknown" POST whose write landed).
  void fail_next(std::string prefix, engine::ApiError error, bool apply_first = false);

  engine::ApiResult<std::vector<model::Gateway>> list_gateways() override;
  engine::ApiResult<model::Gateway> create_gateway(const model::Gateway& gateway) override;
  engine::ApiResult<model::Gateway> update_gateway(const model::Gateway& gateway) override;
  engine::ApiStatus delete_gateway(const std::string& gateway_id) override;
  engine::ApiResult<std::vector<model::Dataset>> list_datasets(const std::string& gateway_id) override;
  engine::ApiResult<model::Dataset> create_dataset(const model::Dataset& dataset) override;
  engine::ApiResult<model::Dataset> update_dataset(const model::Dataset& dataset) override;
  engine::ApiStatus delete_dataset(const std::string& gateway_id, const std::string& server_id) override;
  engine::ApiResult<std::vector<model::ProviderConfig>>
  list_provider_configs(const std::string& gateway_id) override;
  engine::ApiResult<model::ProviderConfig>
  create_provider_config(const model::ProviderConfig& config) override;
  engine::ApiResult<std::vector<model::Route>> list_routes(const std::string& gateway_id) override;
  engine::ApiResult<model::Route> create_route(const model::Route& route) override;
  engine::ApiResult<model::Route> rename_route(const std::string& gateway_id, const std::string& route_id,
                                               const std::string& new_name) override;
  engine::ApiStatus delete_route(const std::string& gateway_id, const std::string& route_id) override;
  engine::ApiResult<std::vector<model::RouteVersion>>
  list_route_versions(const std::string& gateway_id, const std::string& route_id) override;
  engine::ApiStatus create_route_version(const std::string& gateway_id, const std::string& route_id,
                                         const std::vector<model::RouteElement>& elements) override;
  engine::ApiStatus create_route_deployment(const std::string& gateway_id, const std::string& route_id,
                                            const std::string& version_id) override;
  engine::ApiResult<std::vector<model::CustomProvider>> list_custom_providers() override;
  engine::ApiResult<model::CustomProvider>
  create_custom_provider(const model::CustomProvider& provider) override;
  engine::ApiStatus delete_custom_provider(const std::string& server_id) override;
  engine::ApiResult<std::optional<model::SpendingLimit>> get_spending_limit() override;
  engine::ApiStatus set_spending_limit(const model::SpendingLimit& limit) override;
  engine::ApiStatus delete_spending_limit() override;
  engine::ApiResult<std::optional<model::AutoTopup>> get_auto_topup() override;
  engine::ApiStatus set_auto_topup(const model::AutoTopup& topup) override;
  engine::ApiStatus delete_auto_topup() override;
  /// "GET logs GATEWAY[ success=false][ model=M]".
  engine::ApiResult<std::uint64_t> count_logs(const engine::LogCountQuery& query) override;
  [[nodiscard]] engine::ApiStats stats() const override;

private:
  struct Failure {
    std::string prefix;
    engine::ApiError error;
    bool apply_first;
  };
  /// Records the call; returns the injected failure for it, if any.
  std::optional<Failure> record(const std::string& description);
  std::string next_id(const std::string& prefix);
  static engine::ApiError not_found(const std::string& what);

  mutable std::mutex m_mutex;
  std::vector<std::string> m_calls;
  std::vector<Failure> m_failures;
  std::uint64_t m_counter = 0;
};

} // namespace aigw::test
