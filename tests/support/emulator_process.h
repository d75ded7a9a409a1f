#pragma once
// EmulatorProcess: runs `aigw emulator --listen 127.0.0.1:0 ...` as a real child process,
// reads the bound address from its first stdout line, and stops it on destruction.

#include <string>
#include <sys/types.h>
#include <vector>

namespace aigw::test {

class EmulatorProcess {
public:
  /// Starts the emulator with extra flags (e.g. {"--state", path, "--seed", "7"}).
  /// Throws std::runtime_error when it does not print its address within 20 s.
  explicit EmulatorProcess(const std::vector<std::string>& extra_args = {});
  ~EmulatorProcess();
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  /// "http://127.0.0.1:PORT/client/v4": the API base URL to give aigw.
  [[nodiscard]] std::string api_url() const { return "http://" + m_host_port + "/client/v4"; }
  [[nodiscard]] const std::string& host() const { return m_host; }
  [[nodiscard]] unsigned short port() const { return m_port; }
  /// Sends SIGTERM and waits; returns the exit code (-1 if killed by a signal).
  int stop();
  /// Everything the emulator wrote to stderr so far (its request log). The emulator logs a
  /// request before answering it, so every request a client has its answer to is here, in
  /// the order they were served.
  [[nodiscard]] std::string stderr_text() const;
  /// stderr_text() once it has stopped growing (unchanged over 50 ms, polled at most 40
  /// times): for checking that nothing was sent, where a request its client gave up on (a
  /// timeout, a killed process) is logged only when the emulator finishes it.
  [[nodiscard]] std::string settled_stderr_text() const;
  [[nodiscard]] pid_t pid() const { return m_pid; }

private:
  pid_t m_pid = -1;
  int m_stdout_fd = -1;
  std::string m_stderr_path;
  std::string m_host_port;
  std::string m_host;
  unsigned short m_port = 0;
};

} // namespace aigw::test
