// Random and truncated YAML never crashes, hangs or throws: the loader answers with
// diagnostics, and every one of them is well formed (`file:line:col: error: message`, a
// non-empty message without control characters). Deterministic seeds, bounded iterations.

#include "config/loader.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

namespace {

std::string read(const std::filesystem::path &p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool has_control_character(const std::string &text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

/// Loads text as a file and checks that every diagnostic is well formed; a failed load
/// has at least one.
aigw::config::LoadResult load_text(const aigw::test::TempDir &dir, const std::string &text) {
  const auto file = dir.write("fuzz.yaml", text);
  auto result = aigw::config::load_desired(
      {file}, {.getenv = [](const std::string &) { return std::optional<std::string>("v"); }});
  if (!result.ok()) {
    EXPECT_FALSE(result.diagnostics.empty()) << text;
  }
  for (const auto &d : result.diagnostics) {
    EXPECT_EQ(d.file, file) << text;
    EXPECT_GE(d.line, 1) << text;
    EXPECT_GE(d.column, 1) << text;
    EXPECT_FALSE(d.message.empty()) << text;
    EXPECT_FALSE(has_control_character(d.message)) << d.to_string();
    EXPECT_EQ(d.to_string(), file + ":" + std::to_string(d.line) + ":" +
                                 std::to_string(d.column) + ": " + d.severity + ": " + d.message);
    EXPECT_TRUE(d.severity == "error" || d.severity == "warning") << d.to_string();
  }
  return result;
}

} // namespace

TEST(Fuzz, EveryPrefixOfEveryCorpusFileLoadsWithoutCrashing) {
  aigw::test::TempDir dir;
  const auto root = std::filesystem::path(AIGW_SOURCE_DIR) / "tests" / "config";
  int runs = 0;
  for (const char *sub : {"valid", "invalid"}) {
    for (const auto &e : std::filesystem::directory_iterator(root / sub)) {
      const std::string text = read(e.path());
      const std::size_t step = std::max<std::size_t>(1, text.size() / 15);
      for (std::size_t n = 0; n <= text.size(); n += step) {
        (void)load_text(dir, text.substr(0, n));
        ++runs;
      }
    }
  }
  EXPECT_GT(runs, 500);
}

TEST(Fuzz, RandomMutationsLoadWithoutCrashing) {
  aigw::test::TempDir dir;
  const std::string base =
      read(std::filesystem::path(AIGW_SOURCE_DIR) / "tests/config/valid/routing_graphs.yaml");
  const std::string alphabet = " \t\n:-[]{}#&*!|>'\"%@`,?${}abc019";
  std::mt19937 rng(20241121);
  for (int i = 0; i < 1500; ++i) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < edits; ++k) {
      const std::size_t at = rng() % text.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
      case 0: text[at] = c; break;
      case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
      default: text.erase(at, 1 + rng() % 5); break;
      }
    }
    (void)load_text(dir, text);
  }
  SUCCEED();
}

TEST(Fuzz, DeepBlockAndFlowNestingGiveClearErrors) {
  aigw::test::TempDir dir;
  std::string block = "gateways:\n";
  for (int i = 0; i < 3000; ++i) {
    block += std::string(static_cast<std::size_t>(i) + 2, ' ') + "- \n";
  }
  EXPECT_FALSE(load_text(dir, block).ok());
  const auto flow = load_text(dir, "gateways: " + std::string(100000, '['));
  ASSERT_EQ(flow.diagnostics.size(), 1U);
  EXPECT_NE(flow.diagnostics[0].message.find("nested deeper"), std::string::npos);
}

TEST(Fuzz, BinaryGarbageIsReportedNotThrown) {
  aigw::test::TempDir dir;
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::string text(1 + rng() % 300, '\0');
    for (auto &c : text) {
      c = static_cast<char>(rng() % 256);
    }
    (void)load_text(dir, text);
  }
  SUCCEED();
}
