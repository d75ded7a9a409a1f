#pragma once
// Persistence of the Store: a snapshot (one JSON document, written atomically: temp file,
// fsync, rename) plus a journal beside it (`FILE.journal`) that gets one line per changed
// object after every write, so a write costs the size of what it changed, not of the store.
// Loading reads the snapshot and replays the journal; the server then compacts (a new
// snapshot, an empty journal) at start and at shutdown. Provider secrets are never written.

#include "emulator/store.h"
#include "util/result.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace aigw::emulator {

/// The store as a JSON document (without provider secrets). `journal_id` names the journal
/// that continues this snapshot (empty: none).
boost::json::value store_to_json(const Store& store, const std::string& journal_id = "");
/// The store from a document written by store_to_json; an error names what is wrong.
Result<Store> store_from_json(const boost::json::value& document);

/// One journal record: the changed object's current value, or null when it is gone.
boost::json::object change_record(const Store& store, const Change& change);
/// Applies a journal record to the store (replaces, appends or removes the object).
Status<> apply_change_record(Store& store, const boost::json::object& record);

/// Reads the snapshot and replays its journal; a missing file is an empty store, an
/// unreadable or corrupt one an error (the files are left untouched). A torn last journal
/// line (a crash mid-append) is ignored.
Result<Store> load_state(const std::string& path);
/// Writes the snapshot atomically, naming `journal_id` as its continuation.
Status<> save_state(const Store& store, const std::string& path, const std::string& journal_id = "");
/// Writes all of `text` to a file descriptor (retrying short writes); `path` names it in errors.
Status<> write_fully(int fd, std::string_view text, const std::string& path);
/// Removes `PATH.tmp.*` files a killed process left behind.
void remove_stale_temp_files(const std::string& path);

} // namespace aigw::emulator
