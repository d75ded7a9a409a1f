#pragma once
// The flags of `aigw emulator`, as one options struct.

#include "emulator/fault_injector.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace aigw::emulator {

struct EmulatorOptions {
  std::string listen = "127.0.0.1:8787"; ///< HOST:PORT; port 0 picks a free one
  std::string state_file;                ///< empty: state lives in memory only
  int latency_ms = 0;                    ///< added before every response
  double fault_rate = 0.0;               ///< fraction of requests that fail, 0..1
  std::uint64_t seed = 1;                ///< seeds the fault sequence
  FaultMode fault_mode = FaultMode::reject;
  std::size_t max_body_bytes = 1024 * 1024; ///< larger bodies get 413
  std::vector<std::string> accounts;        ///< reachable account ids; empty: all
  std::size_t journal_limit_bytes = 64 * 1024 * 1024; ///< compact when the journal is larger
  /// --fail-path: requests whose path contains this answer 500, always (empty: none).
  std::string fail_path;
  double traffic_rate = 0;                  ///< --traffic: generated requests a second; 0 none
};

/// Runs the emulator until SIGINT or SIGTERM; returns the process exit code (0 on a clean
/// shutdown, 1 when the address cannot be bound or the state file is corrupt).
int run_emulator(const EmulatorOptions& options);

/// True for HOST:PORT with a numeric IP address (IPv6 in brackets) and a port 0..65535.
bool is_listen_address(const std::string& listen);

} // namespace aigw::emulator
