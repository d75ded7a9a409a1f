#pragma once
// Service: everything the server does per request apart from the socket: one request at a
// time against the store, fault injection, and persistence: each committed write's changes
// are journalled after the store lock is released (so a slow disk never holds up readers),
// and the snapshot is compacted at start and at shutdown.

#include "emulator/emulator_options.h"
#include "emulator/fault_injector.h"
#include "emulator/http_message.h"
#include "emulator/state_journal.h"
#include "emulator/store.h"
#include "util/result.h"

#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace aigw::emulator {

/// What the server should do with one request.
struct Outcome {
  Response response;
  bool drop_connection = false; ///< close without answering (response is unused)
  FaultKind fault = FaultKind::none;
};

class Service {
public:
  Service(Store store, const EmulatorOptions& options);

  /// With a state file: writes a compacted snapshot and starts an empty journal. Call once
  /// before serving; an error means the state cannot be persisted.
  Status<> start_persistence();
  /// With a state file: folds the journal into a new snapshot (at shutdown).
  Status<> compact();

  /// Decides the request's fault, applies it to the store or not, and journals a committed
  /// write before answering. Thread-safe: requests are serialised.
  Outcome process(const Request& request);

  /// Builds a request from the current state and handles it like process() but without
  /// fault injection (so generated traffic never shifts the seeded fault sequence); does
  /// nothing when build answers nullopt. For `--traffic`.
  void inject(const std::function<std::optional<Request>(const Store&)>& build);

private:
  /// Runs the handler under the store lock and queues the journal lines of what it changed.
  Response handle_locked(const Request& request);
  /// Writes every queued journal line (the caller's among them) to disk.
  void flush_journal();
  Status<> compact_locked();

  std::mutex m_mutex; ///< the store, the fault sequence and the queue
  Store m_store;
  FaultInjector m_faults;
  FaultMode m_fault_mode;
  std::string m_fail_path; ///< --fail-path
  std::string m_state_file;
  std::size_t m_journal_limit;
  std::string m_pending; ///< journal lines not yet written, in commit order
  std::mutex m_file_mutex; ///< the journal file
  StateJournal m_journal;
};

} // namespace aigw::emulator
