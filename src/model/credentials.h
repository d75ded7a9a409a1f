#pragma once
// Credentials that are plain fields to the API: the members the field table marks
// sensitive below a field (field_spec.h, nested_fields.cpp): the Authorization values of
// OTel exporters and of Stripe usage reporting, and every OTel header value (headers carry
// API keys as often as not). They are masked wherever shown as fields, and registered with the redactor
// wherever they are read, like provider secrets (see searchable_credentials for which).

#include "model/value.h"

#include <string>
#include <vector>

namespace aigw::model {

/// True for a path below a field that the field table marks sensitive, in any kind:
/// "otel[].authorization", "stripe.authorization" and "otel[].headers.<name>".
[[nodiscard]] bool is_credential_path(const std::string& path);

/// The path with list indices dropped ("otel[0].authorization" -> "otel[].authorization").
[[nodiscard]] std::string without_indices(const std::string& path);

/// `path.key`, with the key double-quoted (`"` and `\` escaped) when it would read as more
/// than one step or none: `otel[0].headers."x-team.name"`, as plans, warnings and messages
/// show such a key. An empty path gives the key alone.
[[nodiscard]] std::string member_path(const std::string& path, const std::string& key);

/// The value a gateway's fields hold at a path written as the files' messages write it
/// ("otel[0].authorization", `otel[1].headers."x.api-key"`, "stripe.authorization"), or
/// nullptr. A quoted key (member_path) is found exactly; an unquoted one may itself hold
/// '.': at each object the longest matching key is taken.
[[nodiscard]] const Value* value_at(const Object& fields, const std::string& path);
[[nodiscard]] Value* value_at(Object& fields, const std::string& path);

/// A copy of value, found at path ("otel", "otel[]", "stripe.authorization"), with every
/// credential in it replaced by the mask "(sensitive)".
[[nodiscard]] Value mask_credentials(const std::string& path, const Value& value);

/// What of a gateway's credentials is searched for in free text (API error bodies, logs):
/// every Authorization value, whole and its token without the scheme ("Bearer T" -> "T"),
/// and header values of at least 12 characters. A shorter header value is masked where it
/// is shown as a field, but searching for "support" would mask "support-bot" everywhere.
[[nodiscard]] std::vector<std::string> searchable_credentials(const Object& fields);

/// Registers searchable_credentials(fields) with the global redactor.
void register_gateway_credentials(const Object& fields);

} // namespace aigw::model
