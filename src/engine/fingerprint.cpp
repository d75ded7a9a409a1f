#include "engine/fingerprint.h"

#include "engine/normalize.h"
#include "model/kind_spec.h"
#include "model/resource_key.h"
#include "model/resource_walk.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <type_traits>

namespace aigw::engine {
namespace {

using model::ResourceKind;

constexpr const char* k_absent = "absent";

/// Addresses come from ResourceKey, as Change::address() does, so plans and fingerprints agree.
template <class T> std::string address_of(const T& resource) {
  return model::key_of(resource).address();
}

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

/// What a live object's fingerprint covers: its server id (a gateway's id) and fields, a
/// route's deployed elements, a singleton's fields alone.
template <class T> model::Value canonical(const T& resource) {
  const auto kind = model::key_of(resource).kind;
  if constexpr (std::is_same_v<T, model::Gateway>) {
    return model::Object{{"id", resource.id}, {"fields", canonical_fields(kind, resource.fields)}};
  } else if constexpr (std::is_same_v<T, model::Route>) {
    return model::Object{{"server_id", resource.server_id},
                         {"deployed_version_id", resource.deployed_version_id},
                         {"elements", normalize_elements(resource.elements)}};
  } else if constexpr (requires { resource.server_id; }) {
    return model::Object{{"server_id", resource.server_id},
                         {"fields", canonical_fields(kind, resource.fields)}};
  } else {
    return canonical_fields(kind, resource.fields);
  }
}

/// Every live object's address and hash.
std::map<std::string, std::string> hash_all(const LiveState& live) {
  std::map<std::string, std::string> out;
  model::for_each_resource(live.resources, [&out](const auto& resource) {
    out[address_of(resource)] = digest(canonical(resource).to_json());
  });
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
  model::for_each_resource(desired.resources, [&](const auto& resource) {
    const auto key = model::key_of(resource);
    if (model::is_declared(desired, model::kind_spec(key.kind))) {
      addresses.insert(key.address());
    }
  });
  for (const auto& spec : model::all_kinds()) { // a declared singleton, set or not
    if (spec.singleton && model::is_declared(desired, spec)) {
      addresses.insert(model::ResourceKey{spec.kind, "", {}}.address());
    }
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
