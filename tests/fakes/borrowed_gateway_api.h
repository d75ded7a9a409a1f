#pragma once
// BorrowedGatewayApi: a GatewayApi that forwards to a fake owned elsewhere, for code that
// takes ownership of a fresh client (one per reconcile cycle) while the test keeps the
// account's state across clients. Its stats() are the calls made through it only.

#include "fakes/fake_gateway_api.h"

#include <atomic>

namespace aigw::test {

class BorrowedGatewayApi final : public engine::GatewayApi {
public:
  explicit BorrowedGatewayApi(FakeGatewayApi& fake) : m_fake(fake), m_first(fake.calls().size()) {}

  engine::ApiResult<std::vector<model::Gateway>> list_gateways() override { return m_fake.list_gateways(); }
  engine::ApiResult<model::Gateway> create_gateway(const model::Gateway& g) override { return m_fake.create_gateway(g); }
  engine::ApiResult<model::Gateway> update_gateway(const model::Gateway& g) override { return m_fake.update_gateway(g); }
  engine::ApiStatus delete_gateway(const std::string& id) override { return m_fake.delete_gateway(id); }
  engine::ApiResult<std::vector<model::Dataset>> list_datasets(const std::string& gw) override { return m_fake.list_datasets(gw); }
  engine::ApiResult<model::Dataset> create_dataset(const model::Dataset& d) override { return m_fake.create_dataset(d); }
  engine::ApiResult<model::Dataset> update_dataset(const model::Dataset& d) override { return m_fake.update_dataset(d); }
  engine::ApiStatus delete_dataset(const std::string& gw, const std::string& id) override { return m_fake.delete_dataset(gw, id); }
  engine::ApiResult<std::vector<model::ProviderConfig>> list_provider_configs(const std::string& gw) override { return m_fake.list_provider_configs(gw); }
  engine::ApiResult<model::ProviderConfig> create_provider_config(const model::ProviderConfig& c) override { return m_fake.create_provider_config(c); }
  engine::ApiResult<std::vector<model::Route>> list_routes(const std::string& gw) override { return m_fake.list_routes(gw); }
  engine::ApiResult<model::Route> create_route(const model::Route& r) override { return m_fake.create_route(r); }
  engine::ApiResult<model::Route> rename_route(const std::string& gw, const std::string& id, const std::string& name) override { return m_fake.rename_route(gw, id, name); }
  engine::ApiStatus delete_route(const std::string& gw, const std::string& id) override { return m_fake.delete_route(gw, id); }
  engine::ApiResult<std::vector<model::RouteVersion>> list_route_versions(const std::string& gw, const std::string& id) override { return m_fake.list_route_versions(gw, id); }
  engine::ApiStatus create_route_version(const std::string& gw, const std::string& id, const std::vector<model::RouteElement>& e) override { return m_fake.create_route_version(gw, id, e); }
  engine::ApiStatus create_route_deployment(const std::string& gw, const std::string& id, const std::string& v) override { return m_fake.create_route_deployment(gw, id, v); }
  engine::ApiResult<std::optional<model::SpendingLimit>> get_spending_limit() override { return m_fake.get_spending_limit(); }
  engine::ApiStatus set_spending_limit(const model::SpendingLimit& l) override { return m_fake.set_spending_limit(l); }
  engine::ApiStatus delete_spending_limit() override { return m_fake.delete_spending_limit(); }
  engine::ApiResult<std::optional<model::AutoTopup>> get_auto_topup() override { return m_fake.get_auto_topup(); }
  engine::ApiStatus set_auto_topup(const model::AutoTopup& t) override { return m_fake.set_auto_topup(t); }
  engine::ApiStatus delete_auto_topup() override { return m_fake.delete_auto_topup(); }

  [[nodiscard]] engine::ApiStats stats() const override {
    const auto calls = m_fake.calls();
    engine::ApiStats s;
    for (std::size_t i = m_first; i < calls.size(); ++i) {
      ++s.requests;
      ++s.by_endpoint[calls[i].substr(0, calls[i].find(' ', calls[i].find(' ') + 1)) + " 200"];
    }
    return s;
  }

private:
  FakeGatewayApi& m_fake;
  std::size_t m_first; ///< calls before this client existed belong to others
};

} // namespace aigw::test
