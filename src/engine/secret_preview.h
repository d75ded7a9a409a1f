#pragma once
// Secret rotation: the API never returns a provider config's secret, only a preview of it
// (e.g. "sk-...789"). Comparing the preview's visible ends with the desired secret tells
// when the secret in Git is not the one the API holds.

#include "util/secret.h"

#include <string_view>

namespace aigw::engine {

/// True when `preview` proves the stored secret differs from `desired`: its visible
/// characters before the first mask character ('*', '.', or a non-ASCII byte such as an
/// ellipsis) are not a prefix of it, or those after the last one are not a suffix. A
/// preview that is all mask (or empty) proves nothing.
[[nodiscard]] bool preview_contradicts(std::string_view preview, const Secret& desired);

} // namespace aigw::engine
