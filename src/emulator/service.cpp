#include "emulator/service.h"

#include "emulator/handler.h"
#include "emulator/state_file.h"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

namespace aigw::emulator {

Service::Service(Store store, const EmulatorOptions& options)
    : m_store(std::move(store)), m_faults(options.fault_rate, options.seed),
      m_fault_mode(options.fault_mode), m_fail_path(options.fail_path),
      m_state_file(options.state_file), m_journal_limit(options.journal_limit_bytes) {}

Status<> Service::start_persistence() { return compact(); }

Status<> Service::compact() {
  if (m_state_file.empty()) {
    return Unit{};
  }
  const std::lock_guard file_lock(m_file_mutex);
  const std::lock_guard lock(m_mutex);
  return compact_locked();
}

// Order matters for crash safety: the new snapshot names a new journal id, so from the moment
// it is renamed into place the old journal (already folded in) is ignored; the new journal
// replaces the old one afterwards.
Status<> Service::compact_locked() {
  if (!m_pending.empty() && m_journal.is_open()) {
    if (auto written = m_journal.append(m_pending); !written) {
      return written;
    }
  }
  m_pending.clear();
  const std::string journal_id = m_store.new_id();
  if (auto saved = save_state(m_store, m_state_file, journal_id); !saved) {
    return saved;
  }
  auto journal = StateJournal::create(m_state_file, journal_id);
  if (!journal) {
    return journal.error();
  }
  m_journal = std::move(*journal);
  return Unit{};
}

Response Service::handle_locked(const Request& request) {
  Response response = handle(m_store, request);
  auto changes = m_store.take_changes();
  if (response.state_changed && m_journal.is_open()) {
    for (const auto& change : changes) {
      m_pending += boost::json::serialize(change_record(m_store, change));
      m_pending += '\n';
    }
  }
  return response;
}

void Service::flush_journal() {
  const std::lock_guard file_lock(m_file_mutex);
  std::string lines;
  {
    const std::lock_guard lock(m_mutex);
    lines.swap(m_pending);
  }
  if (lines.empty() || !m_journal.is_open()) {
    return; // an earlier flush wrote ours along with its own
  }
  if (auto written = m_journal.append(lines); !written) {
    spdlog::error("cannot save state: {}", written.error().message);
  }
  if (m_journal.size() > m_journal_limit) {
    // A long run (logs are written too) folds the journal in now and then, so a restart
    // never replays more than the limit.
    const std::lock_guard lock(m_mutex);
    if (auto compacted = compact_locked(); !compacted) {
      spdlog::error("cannot compact the state file: {}", compacted.error().message);
    }
  }
}

Outcome Service::process(const Request& request) {
  Outcome outcome;
  {
    const std::lock_guard lock(m_mutex);
    FaultKind fault = m_faults.next();
    // --fail-path overrides the draw (which is still made, so the seeded sequence of the
    // other requests does not move).
    if (!m_fail_path.empty() && request.path.find(m_fail_path) != std::string::npos) {
      fault = FaultKind::internal_error;
    }
    if (fault == FaultKind::none) {
      outcome.response = handle_locked(request);
    } else if (m_fault_mode == FaultMode::lost_response && is_write_method(request.method)) {
      // The write happens and is saved; only its answer is lost on the way back.
      (void)handle_locked(request);
      outcome = Outcome{.drop_connection = true, .fault = FaultKind::dropped_connection};
    } else if (fault == FaultKind::dropped_connection) {
      outcome = Outcome{.drop_connection = true, .fault = fault};
    } else {
      outcome = Outcome{fault_response(fault), false, fault};
    }
  }
  flush_journal();
  return outcome;
}

void Service::inject(const std::function<std::optional<Request>(const Store&)>& build) {
  {
    const std::lock_guard lock(m_mutex);
    const auto request = build(m_store);
    if (!request) {
      return;
    }
    (void)handle_locked(*request);
  }
  flush_journal();
}

} // namespace aigw::emulator
