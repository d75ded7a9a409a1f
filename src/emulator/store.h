#pragma once
// The emulator's in-memory state: one AccountRecord per account id, each holding its
// gateways and their children, plus the account-level billing singletons. Not thread-safe:
// the server serialises requests around it.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace aigw::emulator {

/// One version of a route: an immutable copy of its elements.
struct RouteVersionRecord {
  std::string version_id;
  std::string created_at;
  boost::json::array elements;
};

/// One deployment: the route pointed at a version at a moment.
struct DeploymentRecord {
  std::string deployment_id;
  std::string version_id;
  std::string created_at;
};

struct RouteRecord {
  std::string id;
  std::string name;
  std::string created_at;
  std::string modified_at;
  std::vector<RouteVersionRecord> versions;   ///< oldest first
  std::vector<DeploymentRecord> deployments;  ///< oldest first; the last one is live

  /// The deployed version (the last deployment's), or nullptr.
  [[nodiscard]] const RouteVersionRecord* deployed_version() const;
  /// A version by id, or nullptr.
  [[nodiscard]] const RouteVersionRecord* find_version(const std::string& version_id) const;
};

/// A provider config: its API fields (with `secret_preview`) and the secret itself, which
/// is never returned and never persisted.
struct ProviderConfigRecord {
  boost::json::object fields;
  std::string secret;
};

struct GatewayRecord {
  boost::json::object fields; ///< the gateway object as returned (id, timestamps included)
  std::vector<boost::json::object> datasets;
  std::vector<ProviderConfigRecord> provider_configs;
  std::vector<RouteRecord> routes;
  std::vector<boost::json::object> evaluations;

  [[nodiscard]] std::string id() const;
  /// A dataset, route or evaluation by id, or nullptr.
  boost::json::object* find_dataset(const std::string& id);
  RouteRecord* find_route(const std::string& id);
  boost::json::object* find_evaluation(const std::string& id);
};

/// A completed credit top-up.
struct TopupRecord {
  std::string payment_intent_id;
  std::int64_t amount = 0;
  std::string created_at;
};

struct AccountRecord {
  std::vector<GatewayRecord> gateways; ///< in creation order, which is list order
  boost::json::value spending_limit;   ///< null or {amount, duration, strategy}
  boost::json::value topup_config;     ///< null or {amount, threshold}
  std::vector<TopupRecord> topups;

  /// A gateway by id, or nullptr.
  GatewayRecord* find_gateway(const std::string& id);
};

class Store {
public:
  Store();

  /// The account's state, created empty on first use: every account id is accepted.
  AccountRecord& account(const std::string& account_id);
  [[nodiscard]] const std::map<std::string, AccountRecord>& accounts() const { return m_accounts; }
  std::map<std::string, AccountRecord>& accounts() { return m_accounts; }

  /// A fresh server-assigned id (a random UUID v4).
  std::string new_id();

private:
  std::map<std::string, AccountRecord> m_accounts;
  std::mt19937_64 m_random;
};

/// The current time as RFC 3339 UTC with milliseconds ("2019-12-27T18:11:19.117Z").
std::string now_rfc3339();

} // namespace aigw::emulator
