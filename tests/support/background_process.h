#pragma once
// BackgroundProcess: a child process left running while the test talks to it (a reconcile
// service), its stdout and stderr in files the test can read at any time. Killed and
// reaped on destruction if still running.

#include "support/process.h"

#include <chrono>
#include <csignal>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace aigw::test {

class BackgroundProcess {
public:
  BackgroundProcess(const std::vector<std::string>& argv,
                    const std::map<std::string, std::optional<std::string>>& env);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  [[nodiscard]] std::string out() const;
  [[nodiscard]] std::string err() const;
  /// Waits (polling, bounded by timeout) until stderr contains needle; false on timeout
  /// or when the process has exited without writing it.
  bool wait_for_err(const std::string& needle, std::chrono::milliseconds timeout);
  void send_signal(int signal);
  /// Waits for the exit; nullopt on timeout (the process is then killed).
  std::optional<int> wait(std::chrono::milliseconds timeout);
  [[nodiscard]] bool running();

private:
  TempDir m_dir;
  pid_t m_pid = -1;
  std::optional<int> m_exit;
};

} // namespace aigw::test
