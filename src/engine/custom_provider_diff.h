#pragma once
// The custom providers part of the diff. The API cannot update a custom provider, so a
// declared one whose live fields differ is replaced: deleted, then created again.

#include "engine/change.h"
#include "engine/live_state.h"
#include "engine/plan.h"
#include "model/resources.h"

#include <string>
#include <vector>

namespace aigw::engine {

/// The custom provider changes and the live ones left alone.
struct CustomProviderDiff {
  std::vector<Change> changes;
  std::vector<NotManaged> not_managed;
  std::vector<std::string> warnings; ///< headers not compared: their variable is unset
};

/// Only when the files declare `custom_providers:` (that key is their scope): a declared
/// provider absent live is created, one that differs is replaced (ChangeKind::replace: a
/// DELETE then a POST, counted as a delete by the safety checks), and with prune an
/// undeclared one is deleted; without prune it is listed in not_managed.
[[nodiscard]] CustomProviderDiff compute_custom_provider_diff(const model::Desired& desired,
                                                              const LiveState& live, bool prune);

} // namespace aigw::engine
