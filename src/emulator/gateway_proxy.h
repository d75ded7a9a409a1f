#pragma once
// The gateway endpoint, shaped like AI Gateway's provider endpoint:
// `/v1/{account_id}/{gateway_id}/{provider}/...` on the emulator's listener. It proxies
// nothing: every request gets a canned answer (an OpenAI-style chat completion for a POST)
// and, unless the gateway or the request turns logging off, one log entry with the
// documented log fields, so applications can be pointed at the emulator and every log
// endpoint has something to answer.

#include "emulator/http_message.h"
#include "emulator/store.h"

#include <string>
#include <vector>

namespace aigw::emulator {

/// True for a path under `/v1/`.
[[nodiscard]] bool is_gateway_path(const std::vector<std::string>& segments);

/// Answers one request to the gateway endpoint. `segments` are the decoded path segments
/// (`v1`, account, gateway, provider, ...).
Response gateway_proxy(Store& store, const Request& request, const std::vector<std::string>& segments);

} // namespace aigw::emulator
