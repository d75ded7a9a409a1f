#pragma once
// StateJournal: the append-only file `STATE.journal` that continues a snapshot. Its first
// line names the snapshot it continues (`{"journal": ID}`); every later line is one change
// record (state_file.h). Appends reach the file (the kernel's page cache) before the write
// is answered, so an answered write survives the process being killed (kill -9); they are
// synced to the disk (fdatasync) at most k_sync_interval apart while writes come in, so a
// power loss loses at most that much. Syncing every append cost 6 ms a write here.

#include "util/result.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace aigw::emulator {

class StateJournal {
public:
  StateJournal() = default;
  StateJournal(const StateJournal&) = delete;
  StateJournal& operator=(const StateJournal&) = delete;
  StateJournal(StateJournal&& other) noexcept;
  StateJournal& operator=(StateJournal&& other) noexcept;
  ~StateJournal();

  /// Replaces `state_path.journal` (atomically) with an empty journal for `journal_id`.
  static Result<StateJournal> create(const std::string& state_path, const std::string& journal_id);

  /// Appends complete lines (each ending in '\n'); syncs when the last sync is older than
  /// the interval.
  Status<> append(const std::string& lines);
  /// Syncs everything appended so far to disk.
  Status<> sync();

  [[nodiscard]] bool is_open() const { return m_fd >= 0; }
  /// Bytes appended since the journal was created.
  [[nodiscard]] std::size_t size() const { return m_size; }

private:
  int m_fd = -1;
  std::string m_path;
  std::size_t m_size = 0;
  std::chrono::steady_clock::time_point m_last_sync{};
};

} // namespace aigw::emulator
