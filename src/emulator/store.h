#pragma once
// The emulator's in-memory state: one AccountRecord per account id, each holding its
// gateways and their children, plus the account-level billing singletons. Collections keep
// creation order (list order) with an index by id. Every write notes what it changed, so the
// server can journal just that (state_journal.h). Not thread-safe: the server serialises
// requests around it.

#include "emulator/ordered_index.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <utility>
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

/// One request through the gateway endpoint: the log as the detail call answers it, plus the
/// request and response bodies the payload calls answer.
struct LogRecord {
  boost::json::object fields;
  std::int64_t created_ms = 0; ///< `created_at` as a number, for date filters
  boost::json::value request;
  boost::json::value response;
};

struct GatewayRecord {
  boost::json::object fields; ///< the gateway object as returned (id, timestamps included)
  OrderedIndex<boost::json::object> datasets;
  OrderedIndex<ProviderConfigRecord> provider_configs;
  OrderedIndex<RouteRecord> routes;
  OrderedIndex<boost::json::object> evaluations;
  OrderedIndex<LogRecord> logs;

  [[nodiscard]] std::string id() const;
};

/// A completed credit top-up.
struct TopupRecord {
  std::string payment_intent_id;
  std::int64_t amount = 0;
  std::string created_at;
};

struct AccountRecord {
  OrderedIndex<GatewayRecord> gateways; ///< in creation order, which is list order
  boost::json::value spending_limit;    ///< null or {amount, duration, strategy}
  boost::json::value topup_config;      ///< null or {amount, threshold}
  OrderedIndex<TopupRecord> topups;     ///< by payment_intent_id
  OrderedIndex<boost::json::object> custom_providers; ///< account level, by id

  /// A gateway by id, or nullptr.
  GatewayRecord* find_gateway(const std::string& id) { return gateways.find(id); }
};

/// What a write changed, for the journal: one object (or the account's billing settings).
struct Change {
  enum class Kind {
    gateway,
    dataset,
    provider_config,
    route,
    evaluation,
    log,
    billing,
    topup,
    custom_provider,
  };
  Kind kind = Kind::gateway;
  std::string account_id;
  std::string gateway_id; ///< empty for billing, top-ups and custom providers
  std::string id;         ///< the child's id (the gateway's own for `gateway`)
};

class Store {
public:
  Store();

  /// The account's state, created empty on first use.
  AccountRecord& account(const std::string& account_id);
  [[nodiscard]] const std::map<std::string, AccountRecord>& accounts() const { return m_accounts; }
  std::map<std::string, AccountRecord>& accounts() { return m_accounts; }
  /// Limits the accounts the token can reach (`--account`); empty: every account id.
  void set_accessible_accounts(std::set<std::string> account_ids);
  /// True when requests may address this account.
  [[nodiscard]] bool has_access(const std::string& account_id) const;

  /// A fresh server-assigned id (a random UUID v4).
  std::string new_id();

  /// Notes that a write changed (created, updated or removed) one object.
  void note_change(Change change) { m_changes.push_back(std::move(change)); }
  /// The changes noted since the last call, oldest first.
  std::vector<Change> take_changes() { return std::exchange(m_changes, {}); }

private:
  std::map<std::string, AccountRecord> m_accounts;
  std::set<std::string> m_accessible;
  std::vector<Change> m_changes;
  std::mt19937_64 m_random;
};

/// The current time as RFC 3339 UTC with milliseconds ("2019-12-27T18:11:19.117Z").
std::string now_rfc3339();
/// The current time in milliseconds since the Unix epoch.
std::int64_t now_ms();
/// A time in milliseconds as RFC 3339 UTC with milliseconds.
std::string rfc3339_of(std::int64_t millis);

} // namespace aigw::emulator
