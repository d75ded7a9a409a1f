// On a terminal, apply shows the plan and asks; only "yes" applies. Runs aigw under a
// pseudo-terminal against the emulator.

#include "apply_e2e_support.h"
#include "apply_e2e_yaml.h"

#include <gmock/gmock.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aigw::test {
namespace {

using testing::HasSubstr;

struct TtyResult {
  int exit_code = -1;
  std::string output; ///< everything written to the terminal
};

/// Runs `aigw apply -f file` on a pseudo-terminal, typing `answer` once the prompt shows.
/// Gives up after 60 s.
TtyResult apply_on_tty(const EmulatorProcess& emulator, const std::string& file,
                       const std::string& answer) {
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid == 0) {
    setenv("CLOUDFLARE_API_TOKEN", "e2e-token-value", 1);
    setenv("CLOUDFLARE_ACCOUNT_ID", k_account, 1);
    setenv("CLOUDFLARE_API_BASE_URL", emulator.api_url().c_str(), 1);
    setenv("OPENAI_API_KEY", k_provider_secret, 1);
    setenv("NO_COLOR", "1", 1);
    const std::string binary = aigw_binary();
    execl(binary.c_str(), binary.c_str(), "apply", "-f", file.c_str(), nullptr);
    _exit(127);
  }
  TtyResult result;
  bool answered = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd pfd{master, POLLIN, 0};
    if (poll(&pfd, 1, 100) > 0) {
      char buf[4096];
      const ssize_t n = read(master, buf, sizeof buf);
      if (n <= 0) {
        break; // the child closed the terminal: it has exited
      }
      result.output.append(buf, static_cast<std::size_t>(n));
    }
    if (!answered && result.output.find("Only 'yes' will be accepted:") != std::string::npos) {
      const std::string line = answer + "\n";
      EXPECT_EQ(write(master, line.data(), line.size()), static_cast<ssize_t>(line.size()));
      answered = true;
    }
  }
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  close(master);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class ApplyOnATerminal : public testing::Test {
protected:
  EmulatorProcess emulator;
  TempDir dir;
  std::string file = dir.write("aigw.yaml", desired_yaml({{"tty", 300, false, {"a"}, {}, {}}}));

  std::size_t live_gateways() {
    auto gateways = emulator_client(emulator)->list_gateways();
    EXPECT_TRUE(gateways.ok());
    return gateways.ok() ? gateways->size() : 0;
  }
};

TEST_F(ApplyOnATerminal, YesApplies) {
  const auto result = apply_on_tty(emulator, file, "yes");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("+ gateway tty (create)"));
  EXPECT_THAT(result.output, HasSubstr("Apply complete"));
  EXPECT_EQ(live_gateways(), 1U);
}

TEST_F(ApplyOnATerminal, AnyOtherAnswerCancels) {
  const auto result = apply_on_tty(emulator, file, "y");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, HasSubstr("Apply cancelled"));
  EXPECT_EQ(live_gateways(), 0U);
}

} // namespace
} // namespace aigw::test
