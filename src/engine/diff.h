#pragma once
// compute_diff: the unordered changes that take live state to desired state. Pure.

#include "engine/change.h"
#include "engine/live_state.h"
#include "engine/plan.h"
#include "model/resources.h"

#include <string>
#include <vector>

namespace aigw::engine {

/// What compute_diff found: the changes, and what it cannot change but the user should know.
struct DiffResult {
  std::vector<Change> changes; ///< unordered; depends_on is left empty (see order.h)
  std::vector<std::string> warnings;
  std::vector<NotManaged> not_managed; ///< undeclared live objects left in place
};

/// Compares every declared resource with its live counterpart (gateways, their datasets,
/// provider configs and routes, and billing when declared). With prune, undeclared
/// in-scope gateways (with their children, as cascade removes) and the undeclared children
/// of declared gateways are deleted; the gateway marked is_default never is. What is left
/// undeclared is listed in not_managed.
/// Expects live identities to be unique (see identity.h).
[[nodiscard]] DiffResult compute_diff(const model::Desired& desired, const LiveState& live,
                                      bool prune);

/// The body a create call gets: the declared fields the create call accepts (unknown
/// ones too: the API may have grown), plus documented defaults for required ones omitted.
[[nodiscard]] model::Object create_body(model::ResourceKind kind, const model::Object& declared);

/// The body a full-body update gets: live fields minus read-only ones (unknown fields are
/// kept), overlaid with the declared ones.
[[nodiscard]] model::Object update_body(model::ResourceKind kind, const model::Object& live,
                                        const model::Object& declared);

} // namespace aigw::engine
