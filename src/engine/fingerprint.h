#pragma once
// Fingerprints of live objects, so that apply of a saved plan can refuse a stale plan.

#include "engine/live_state.h"
#include "engine/plan.h"

#include <string>
#include <string_view>
#include <vector>

namespace aigw::engine {

/// One fingerprint per object the plan depends on: every declared object (hash, or
/// "absent" when it does not exist live) and every live object a prune could delete.
std::vector<Fingerprint> fingerprints_for(const model::Desired& desired, const LiveState& live);

/// The current hash of the object at address in live ("absent" when not there); the same
/// function fingerprints_for uses, so a fresh read can be compared with a saved plan.
std::string live_hash(const LiveState& live, std::string_view address);

/// Addresses whose recorded hash differs from the one in fresh live state, and children
/// (datasets, provider configs, routes) or billing singletons that appeared since: the plan
/// read them all, so a new one would go unseen (deleted with its gateway, for one).
std::vector<std::string> find_stale(const std::vector<Fingerprint>& recorded, const LiveState& fresh);

} // namespace aigw::engine
