#include "engine/fingerprint.h"

#include "engine/normalize.h"
#include "model/resource_key.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

namespace aigw::engine {
namespace {

using model::ResourceKind;

constexpr const char* k_absent = "absent";

/// Addresses come from ResourceKey, as Change::address() does, so plans and fingerprints agree.
template <class T> std::string address_of(const T& resource) {
  return model::key_of(resource).address();
}

std::string singleton_address(ResourceKind kind) { return model::ResourceKey{kind, "", {}}.address(); }

/// FNV-1a, 64 bit, as 16 hex digits: enough to notice a change, and needs no crypto
/// library in the engine. Fingerprints guard against accidents, not adversaries.
std::string digest(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

model::Value canonical_fields(ResourceKind kind, const model::Object& fields) {
  model::Object out;
  for (const auto& [name, value] : fields) {
    out.emplace(name, normalize_field(kind, name, value));
  }
  return out;
}

/// Every live object's address and hash.
std::map<std::string, std::string> hash_all(const LiveState& live) {
  std::map<std::string, std::string> out;
  const auto& r = live.resources;
  for (const auto& g : r.gateways) {
    model::Object o{{"id", g.id}, {"fields", canonical_fields(ResourceKind::gateway, g.fields)}};
    out[address_of(g)] = digest(model::Value(o).to_json());
  }
  for (const auto& d : r.datasets) {
    model::Object o{{"server_id", d.server_id},
                    {"fields", canonical_fields(ResourceKind::dataset, d.fields)}};
    out[address_of(d)] = digest(model::Value(o).to_json());
  }
  for (const auto& c : r.provider_configs) {
    model::Object o{{"server_id", c.server_id},
                    {"fields", canonical_fields(ResourceKind::provider_config, c.fields)}};
    out[address_of(c)] = digest(model::Value(o).to_json());
  }
  for (const auto& route : r.routes) {
    model::Object o{{"server_id", route.server_id},
                    {"deployed_version_id", route.deployed_version_id},
                    {"elements", normalize_elements(route.elements)}};
    out[address_of(route)] = digest(model::Value(o).to_json());
  }
  for (const auto& p : r.custom_providers) {
    model::Object o{{"server_id", p.server_id},
                    {"fields", canonical_fields(ResourceKind::custom_provider, p.fields)}};
    out[address_of(p)] = digest(model::Value(o).to_json());
  }
  if (r.spending_limit) {
    out[singleton_address(ResourceKind::spending_limit)] =
        digest(canonical_fields(ResourceKind::spending_limit, r.spending_limit->fields).to_json());
  }
  if (r.auto_topup) {
    out[singleton_address(ResourceKind::auto_topup)] =
        digest(canonical_fields(ResourceKind::auto_topup, r.auto_topup->fields).to_json());
  }
  return out;
}

std::string lookup(const std::map<std::string, std::string>& hashes, std::string_view address) {
  auto it = hashes.find(std::string(address));
  return it == hashes.end() ? k_absent : it->second;
}

} // namespace

std::vector<Fingerprint> fingerprints_for(const model::Desired& desired, const LiveState& live) {
  // Declared objects, present or not, plus every live object read that a prune could
  // touch (in-scope gateways, children of read gateways, billing when read). Recording a
  // few objects the plan does not change only makes the staleness check stricter.
  std::set<std::string> addresses;
  const auto& d = desired.resources;
  for (const auto& g : d.gateways) {
    addresses.insert(address_of(g));
  }
  for (const auto& x : d.datasets) {
    addresses.insert(address_of(x));
  }
  for (const auto& c : d.provider_configs) {
    addresses.insert(address_of(c));
  }
  for (const auto& route : d.routes) {
    addresses.insert(address_of(route));
  }
  for (const auto& p : d.custom_providers) {
    addresses.insert(address_of(p));
  }
  if (desired.billing_declared) {
    addresses.insert(singleton_address(ResourceKind::spending_limit));
    addresses.insert(singleton_address(ResourceKind::auto_topup));
  }
  const auto hashes = hash_all(live);
  for (const auto& g : live.resources.gateways) {
    if (model::in_scope(desired.scope, g.id)) {
      addresses.insert(address_of(g));
    }
  }
  for (const auto& [address, hash] : hashes) {
    if (address.rfind("gateway ", 0) != 0) {
      addresses.insert(address);
    }
  }
  std::vector<Fingerprint> out;
  out.reserve(addresses.size());
  for (const auto& address : addresses) {
    out.push_back({address, lookup(hashes, address)});
  }
  return out;
}

std::string live_hash(const LiveState& live, std::string_view address) {
  return lookup(hash_all(live), address);
}

std::vector<std::string> find_stale(const std::vector<Fingerprint>& recorded,
                                    const LiveState& fresh) {
  const auto hashes = hash_all(fresh);
  std::vector<std::string> out;
  std::set<std::string> known;
  for (const auto& fingerprint : recorded) {
    known.insert(fingerprint.address);
    if (lookup(hashes, fingerprint.address) != fingerprint.hash) {
      out.push_back(fingerprint.address);
    }
  }
  // Gateways are left out: the fresh read lists every gateway of the account, in scope or
  // not, and the plan recorded only those in scope.
  for (const auto& [address, hash] : hashes) {
    if (!known.contains(address) && address.rfind("gateway ", 0) != 0) {
      out.push_back(address);
    }
  }
  return out;
}

} // namespace aigw::engine
