#pragma once
// Gateway credentials the plan cannot know: an otel or stripe `authorization`, or an otel
// header value, whose `${VAR}` was unset when the files were read (pull-request plans run
// without production keys). Where live has a value the plan takes it as unchanged; where
// live has none the value is simply new. Either way a request that carries it needs the
// variable, and apply refuses while it is unset (safety.h: check_secrets_available).

#include "model/resources.h"

#include <map>
#include <string>
#include <vector>

namespace aigw::engine {

struct UnknownCredentials {
  /// The declared fields, each unknown credential replaced by live's value where live has
  /// one (so the diff shows no change the plan cannot know about).
  model::Object fields;
  /// The variables a request carrying these fields needs, sorted and unique.
  std::vector<std::string> variables;
  /// Those taken from live (not compared), e.g. "otel[0].authorization".
  std::vector<model::CredentialReference> not_compared;
};

/// Fills the gateway's unknown credentials from live (nullptr: not live yet).
[[nodiscard]] UnknownCredentials fill_unknown_credentials(const model::Gateway& want,
                                                          const model::Gateway* live);

/// One warning per unset variable for the places not compared because of it:
/// "`OTEL_TOKEN` is not set: not compared with live, so a changed value would not show:
/// gateway a otel[0].authorization, ..." (at most a few places named, then a count).
/// `places` maps a variable to "gateway ID PATH" strings.
[[nodiscard]] std::vector<std::string>
not_compared_warnings(const std::map<std::string, std::vector<std::string>>& places);

} // namespace aigw::engine
