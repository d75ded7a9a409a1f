#pragma once
// Run a child process with arguments, environment overrides and optional stdin, capturing
// stdout and stderr, with a hard time limit.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aigw::test {

struct ProcessResult {
  int exit_code = -1; ///< -1 when killed by a signal or timed out
  bool timed_out = false;
  std::string out;
  std::string err;
};

struct ProcessOptions {
  /// Added to (or, with an empty value, removed from) the parent's environment.
  std::map<std::string, std::optional<std::string>> env;
  std::string stdin_data;
  std::chrono::milliseconds timeout{std::chrono::seconds(120)};
  std::string cwd;
};

/// The parent's environment with overrides applied (an empty optional removes a variable),
/// as "NAME=value" entries for execve.
std::vector<std::string> environment_with(
    const std::map<std::string, std::optional<std::string>>& overrides);

/// Pointers into strings, null-terminated, for execve (valid while strings lives).
std::vector<char*> c_strings(const std::vector<std::string>& strings);

/// Runs argv[0] (a path) with argv; waits for it to finish or kills it at the timeout.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

/// The aigw binary under test.
std::string aigw_binary();
/// The source tree root (for examples/ and fixtures).
std::string source_dir();

/// A fresh temporary directory removed on destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return m_path; }
  /// Writes a file under the directory and returns its full path.
  std::string write(const std::string& relative, const std::string& content) const;

private:
  std::string m_path;
};

} // namespace aigw::test
