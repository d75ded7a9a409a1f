#pragma once
// Ending the process at once, for a run that has printed its result while a request it no
// longer needs is still in flight on another thread.

namespace aigw::cli {

/// Flushes stdout, stderr and the logs, then ends the process with `code` without running
/// static destructors or waiting for other threads (std::_Exit). In a LeakSanitizer build the
/// leak check runs first, so a leak is still reported.
[[noreturn]] void end_process_now(int code);

} // namespace aigw::cli
