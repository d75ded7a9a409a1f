#pragma once
// Service: everything the server does per request apart from the socket: one request at a
// time against the store, fault injection, and persisting after every committed write.

#include "emulator/emulator_options.h"
#include "emulator/fault_injector.h"
#include "emulator/http_message.h"
#include "emulator/store.h"

#include <mutex>
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

  /// Decides the request's fault, applies it to the store or not, and persists a committed
  /// write to the state file. Thread-safe: requests are serialised.
  Outcome process(const Request& request);

private:
  void persist();

  std::mutex m_mutex;
  Store m_store;
  FaultInjector m_faults;
  FaultMode m_fault_mode;
  std::string m_state_file;
};

} // namespace aigw::emulator
