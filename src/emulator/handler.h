#pragma once
// The pure request handler: one request in, one response out, state in the Store. No
// sockets, so every endpoint and error case is unit-testable.

#include "emulator/http_message.h"
#include "emulator/store.h"

namespace aigw::emulator {

/// Answers one request under `/client/v4`. Never throws: any unexpected failure is a 500
/// envelope. `state_changed` is set on responses that committed a write.
Response handle(Store& store, const Request& request);

} // namespace aigw::emulator
