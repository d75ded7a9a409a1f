#pragma once
// Persistence of the Store as one JSON document, written atomically (temp file + rename)
// so a crash never leaves a half-written state. Provider secrets are never written.

#include "emulator/store.h"
#include "util/result.h"

#include <boost/json/value.hpp>

#include <string>

namespace aigw::emulator {

/// The store as a JSON document (without provider secrets).
boost::json::value store_to_json(const Store& store);
/// The store from a document written by store_to_json; an error names what is wrong.
Result<Store> store_from_json(const boost::json::value& document);

/// Reads the state file; a missing file is an empty store, an unreadable or corrupt one an
/// error (the file is left untouched).
Result<Store> load_state(const std::string& path);
/// Writes the state file atomically: a temp file beside it, flushed, then renamed over it.
Status<> save_state(const Store& store, const std::string& path);

} // namespace aigw::emulator
