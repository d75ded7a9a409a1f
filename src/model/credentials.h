#pragma once
// Credentials that are plain fields to the API: the Authorization values of OTel exporters
// and of Stripe usage reporting, and every OTel header value (headers carry API keys as
// often as not). They are masked wherever shown and registered with the redactor wherever
// they are read, like provider secrets.

#include "model/value.h"

#include <string>
#include <vector>

namespace aigw::model {

/// True for a field path that holds a credential: "otel[].authorization",
/// "stripe.authorization" and "otel[].headers.<name>".
[[nodiscard]] bool is_credential_path(const std::string& path);

/// A copy of value, found at path ("otel", "otel[]", "stripe.authorization"), with every
/// credential in it replaced by the mask "(sensitive)".
[[nodiscard]] Value mask_credentials(const std::string& path, const Value& value);

/// Every credential string held in a gateway's fields (empty ones left out).
[[nodiscard]] std::vector<std::string> gateway_credentials(const Object& fields);

/// Registers every credential of a gateway's fields with the global redactor.
void register_gateway_credentials(const Object& fields);

} // namespace aigw::model
