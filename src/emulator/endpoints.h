#pragma once
// The endpoint groups behind handle(): each answers the paths of one part of the reference.
// Internal to the emulator.

#include "emulator/envelope.h"
#include "emulator/http_message.h"
#include "emulator/store.h"

#include <string>
#include <vector>

namespace aigw::emulator {

/// One request being answered: the account it addresses and the path segments after
/// `/accounts/{account_id}/ai-gateway/`.
struct Call {
  Store& store;
  AccountRecord& account;
  const std::string& account_id;
  const Request& request;
  std::vector<std::string> segments;
};

/// `gateways`, `gateways/{id}` and everything under a gateway.
Response gateway_endpoints(Call& call);
/// `gateways/{id}/datasets[/{id}]`.
Response dataset_endpoints(Call& call, GatewayRecord& gateway);
/// `gateways/{id}/routes...` (routes, versions, deployments).
Response route_endpoints(Call& call, GatewayRecord& gateway);
/// `gateways/{id}/provider_configs`.
Response provider_config_endpoints(Call& call, GatewayRecord& gateway);
/// `gateways/{id}/evaluations[/{id}]`.
Response evaluation_endpoints(Call& call, GatewayRecord& gateway);
/// `gateways/{id}/logs...` (an empty log store).
Response log_endpoints(Call& call, GatewayRecord& gateway);
/// `gateways/{id}/url/{provider}`.
Response url_endpoint(Call& call, GatewayRecord& gateway);
/// `evaluation-types`.
Response evaluation_type_endpoints(Call& call);
/// `billing/...`.
Response billing_endpoints(Call& call);
/// `custom-providers[/{id}]` (account level).
Response custom_provider_endpoints(Call& call);

/// Notes a change to one object of the call's account, for the journal.
void note(Call& call, Change::Kind kind, const std::string& gateway_id, const std::string& id);

/// 404 for a path the API does not have.
Response no_route(const Request& request);
/// 405 for a known path with a method it does not take; `allow` lists the methods it takes
/// ("GET, POST"), sent as the Allow header.
Response method_not_allowed(const Request& request, std::string_view allow);
/// A successful write: `result` plus the flag that makes the server persist.
Response committed(boost::json::value result);
/// The same, for a response already built.
Response committed(Response response);

} // namespace aigw::emulator
