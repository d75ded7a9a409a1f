#pragma once
// ForwardingGatewayApi: a GatewayApi that forwards every call to a FakeGatewayApi, so a
// test can override just the calls whose behaviour it changes (the fake itself is final).

#include "fakes/fake_gateway_api.h"

namespace aigw::test {

class ForwardingGatewayApi : public engine::GatewayApi {
public:
  FakeGatewayApi fake;

  engine::ApiResult<model::Gateway> create_gateway(const model::Gateway& g) override {
    return fake.create_gateway(g);
  }
  engine::ApiResult<std::vector<model::Gateway>> list_gateways() override {
    return fake.list_gateways();
  }
  engine::ApiResult<model::Gateway> update_gateway(const model::Gateway& g) override {
    return fake.update_gateway(g);
  }
  engine::ApiStatus delete_gateway(const std::string& id) override {
    return fake.delete_gateway(id);
  }
  engine::ApiResult<std::vector<model::Dataset>> list_datasets(const std::string& gw) override {
    return fake.list_datasets(gw);
  }
  engine::ApiResult<model::Dataset> create_dataset(const model::Dataset& d) override {
    return fake.create_dataset(d);
  }
  engine::ApiResult<model::Dataset> update_dataset(const model::Dataset& d) override {
    return fake.update_dataset(d);
  }
  engine::ApiStatus delete_dataset(const std::string& gw, const std::string& id) override {
    return fake.delete_dataset(gw, id);
  }
  engine::ApiResult<std::vector<model::ProviderConfig>>
  list_provider_configs(const std::string& gw) override {
    return fake.list_provider_configs(gw);
  }
  engine::ApiResult<model::ProviderConfig>
  create_provider_config(const model::ProviderConfig& c) override {
    return fake.create_provider_config(c);
  }
  engine::ApiResult<std::vector<model::Route>> list_routes(const std::string& gw) override {
    return fake.list_routes(gw);
  }
  engine::ApiResult<model::Route> create_route(const model::Route& r) override {
    return fake.create_route(r);
  }
  engine::ApiResult<model::Route> rename_route(const std::string& gw, const std::string& id,
                                               const std::string& name) override {
    return fake.rename_route(gw, id, name);
  }
  engine::ApiStatus delete_route(const std::string& gw, const std::string& id) override {
    return fake.delete_route(gw, id);
  }
  engine::ApiResult<std::vector<model::RouteVersion>>
  list_route_versions(const std::string& gw, const std::string& id) override {
    return fake.list_route_versions(gw, id);
  }
  engine::ApiStatus create_route_version(const std::string& gw, const std::string& id,
                                         const std::vector<model::RouteElement>& e) override {
    return fake.create_route_version(gw, id, e);
  }
  engine::ApiStatus create_route_deployment(const std::string& gw, const std::string& id,
                                            const std::string& version) override {
    return fake.create_route_deployment(gw, id, version);
  }
  engine::ApiResult<std::optional<model::SpendingLimit>> get_spending_limit() override {
    return fake.get_spending_limit();
  }
  engine::ApiStatus set_spending_limit(const model::SpendingLimit& l) override {
    return fake.set_spending_limit(l);
  }
  engine::ApiStatus delete_spending_limit() override { return fake.delete_spending_limit(); }
  engine::ApiResult<std::optional<model::AutoTopup>> get_auto_topup() override {
    return fake.get_auto_topup();
  }
  engine::ApiStatus set_auto_topup(const model::AutoTopup& t) override {
    return fake.set_auto_topup(t);
  }
  engine::ApiStatus delete_auto_topup() override { return fake.delete_auto_topup(); }
  engine::ApiResult<std::uint64_t> count_logs(const engine::LogCountQuery& q) override {
    return fake.count_logs(q);
  }
  [[nodiscard]] engine::ApiStats stats() const override { return fake.stats(); }
};

} // namespace aigw::test
