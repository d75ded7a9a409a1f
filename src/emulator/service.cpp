#include "emulator/service.h"

#include "emulator/handler.h"
#include "emulator/state_file.h"

#include <spdlog/spdlog.h>

namespace aigw::emulator {

Service::Service(Store store, const EmulatorOptions& options)
    : m_store(std::move(store)), m_faults(options.fault_rate, options.seed),
      m_fault_mode(options.fault_mode), m_state_file(options.state_file) {}

Outcome Service::process(const Request& request) {
  const std::lock_guard lock(m_mutex);
  const FaultKind fault = m_faults.next();
  if (fault == FaultKind::none) {
    Outcome outcome{handle(m_store, request)};
    if (outcome.response.state_changed) {
      persist();
    }
    return outcome;
  }
  if (m_fault_mode == FaultMode::lost_response && is_write_method(request.method)) {
    // The write happens and is saved; only its answer is lost on the way back.
    if (handle(m_store, request).state_changed) {
      persist();
    }
    return Outcome{.drop_connection = true, .fault = FaultKind::dropped_connection};
  }
  if (fault == FaultKind::dropped_connection) {
    return Outcome{.drop_connection = true, .fault = fault};
  }
  return Outcome{fault_response(fault), false, fault};
}

void Service::persist() {
  if (m_state_file.empty()) {
    return;
  }
  if (auto saved = save_state(m_store, m_state_file); !saved) {
    spdlog::error("cannot save state: {}", saved.error().message);
  }
}

} // namespace aigw::emulator
