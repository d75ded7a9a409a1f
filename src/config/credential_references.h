#pragma once
// Rules for credentials in the files: `authorization` in `otel` and `stripe` must come from
// the environment (`${NAME}`, e.g. `Bearer ${OTEL_TOKEN}`), like a provider `secret`; and
// no credential may name a variable that holds the API's own credentials, which must never
// be sent to the API as data.

#include "config/node_reader.h"

#include <string>
#include <vector>

namespace aigw::config {

/// Reports, on the gateway's entries, every literal `authorization` and every credential
/// (`authorization`, `headers` values, provider `secret`) that names
/// CLOUDFLARE_API_TOKEN, CLOUDFLARE_API_KEY or CLOUDFLARE_EMAIL. Returns false if any.
bool check_credential_references(NodeReader &reader, const std::vector<Entry> &gateway);

} // namespace aigw::config
