// Every file under valid/ loads clean; every file under invalid/ produces exactly the
// diagnostics listed for it in invalid/expected.txt (location and message).

#include "config/loader.h"
#include "corpus_env.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;

namespace {

const fs::path k_dir = fs::path(AIGW_SOURCE_DIR) / "tests" / "config";

std::vector<std::string> yaml_files(const std::string &sub) {
  std::vector<std::string> out;
  for (const auto &e : fs::directory_iterator(k_dir / sub)) {
    if (e.path().extension() == ".yaml") {
      out.push_back(e.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

aigw::config::LoadResult load(const std::string &relative) {
  // Load with a path relative to the corpus directory so messages match expected.txt.
  const auto previous = fs::current_path();
  fs::current_path(k_dir);
  auto result = aigw::config::load_desired({relative}, {.getenv = aigw::test::corpus_getenv});
  fs::current_path(previous);
  return result;
}

/// expected.txt: one "invalid/NAME.yaml:LINE:COL: error: MESSAGE" per line.
std::map<std::string, std::vector<std::string>> expected() {
  std::map<std::string, std::vector<std::string>> out;
  std::ifstream in(k_dir / "invalid" / "expected.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      out[line.substr(0, line.find(':'))].push_back(line);
    }
  }
  return out;
}

} // namespace

TEST(Corpus, HasAtLeastFortyInvalidCases) {
  EXPECT_GE(yaml_files("invalid").size(), 40U);
}

TEST(Corpus, EveryValidFileLoadsClean) {
  const auto files = yaml_files("valid");
  ASSERT_FALSE(files.empty());
  for (const auto &name : files) {
    const auto result = load("valid/" + name);
    for (const auto &d : result.diagnostics) {
      ADD_FAILURE() << d.to_string();
    }
    EXPECT_TRUE(result.ok()) << name;
  }
}

TEST(Corpus, EveryInvalidFileReportsExactlyItsExpectedDiagnostics) {
  const auto expectations = expected();
  for (const auto &name : yaml_files("invalid")) {
    const std::string relative = "invalid/" + name;
    const auto result = load(relative);
    EXPECT_FALSE(result.ok()) << relative;
    std::vector<std::string> actual;
    for (const auto &d : result.diagnostics) {
      actual.push_back(d.to_string());
    }
    const auto it = expectations.find(relative);
    ASSERT_NE(it, expectations.end()) << "no expectation for " << relative;
    EXPECT_EQ(actual, it->second) << relative;
  }
}

TEST(Corpus, DiagnosticsAreSortedByFileLineColumn) {
  const auto result = load("invalid/route_start_bad_output.yaml");
  ASSERT_EQ(result.diagnostics.size(), 2U);
  EXPECT_LT(result.diagnostics[0].column, result.diagnostics[1].column);
}
