#include "support/emulator_process.h"

#include "support/process.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace aigw::test {

EmulatorProcess::EmulatorProcess(const std::vector<std::string>& extra_args) {
  std::vector<std::string> argv = {aigw_binary(), "emulator", "--listen", "127.0.0.1:0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> c_argv;
  for (auto& a : argv) {
    c_argv.push_back(a.data());
  }
  c_argv.push_back(nullptr);

  char stderr_tmpl[] = "/tmp/aigw-emulator-stderr-XXXXXX";
  const int err_fd = mkstemp(stderr_tmpl);
  m_stderr_path = stderr_tmpl;
  int out_pipe[2];
  if (err_fd < 0 || pipe(out_pipe) != 0) {
    throw std::runtime_error("cannot create pipes for the emulator");
  }
  m_pid = fork();
  if (m_pid == 0) {
    dup2(out_pipe[1], 1);
    dup2(err_fd, 2);
    close(out_pipe[0]);
    close(out_pipe[1]);
    close(err_fd);
    execv(c_argv[0], c_argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_fd);
  m_stdout_fd = out_pipe[0];

  // The first stdout line is "listening on http://HOST:PORT".
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (line.find('\n') == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw std::runtime_error("emulator did not report its address; stderr: " + stderr_text());
    }
    pollfd pfd{m_stdout_fd, POLLIN, 0};
    if (poll(&pfd, 1, 200) > 0) {
      char buf[256];
      const ssize_t n = read(m_stdout_fd, buf, sizeof buf);
      if (n <= 0) {
        stop();
        throw std::runtime_error("emulator exited early; stderr: " + stderr_text());
      }
      line.append(buf, static_cast<std::size_t>(n));
    }
  }
  line = line.substr(0, line.find('\n'));
  const auto scheme = line.find("http://");
  if (scheme == std::string::npos) {
    stop();
    throw std::runtime_error("unexpected emulator banner: " + line);
  }
  m_host_port = line.substr(scheme + 7);
  while (!m_host_port.empty() && (m_host_port.back() == '/' || m_host_port.back() == '\r')) {
    m_host_port.pop_back();
  }
  const auto colon = m_host_port.rfind(':');
  m_host = m_host_port.substr(0, colon);
  m_port = static_cast<unsigned short>(std::stoi(m_host_port.substr(colon + 1)));
}

int EmulatorProcess::stop() {
  if (m_pid <= 0) {
    return 0;
  }
  kill(m_pid, SIGTERM);
  int status = 0;
  // Bounded wait: escalate to SIGKILL after 10 s.
  for (int i = 0; i < 200; ++i) {
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    usleep(50'000);
  }
  kill(m_pid, SIGKILL);
  waitpid(m_pid, &status, 0);
  m_pid = -1;
  return -1;
}

std::string EmulatorProcess::stderr_text() const {
  std::ifstream in(m_stderr_path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string EmulatorProcess::settled_stderr_text() const {
  std::string last = stderr_text();
  for (int i = 0; i < 40; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::string now = stderr_text();
    if (now == last) {
      break;
    }
    last = std::move(now);
  }
  return last;
}

EmulatorProcess::~EmulatorProcess() {
  stop();
  if (m_stdout_fd >= 0) {
    close(m_stdout_fd);
  }
  std::error_code ec;
  std::filesystem::remove(m_stderr_path, ec);
}

} // namespace aigw::test
