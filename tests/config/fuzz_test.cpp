// Random and truncated YAML never crashes, hangs or throws: the loader answers with
// diagnostics. Deterministic seeds, bounded iterations.

#include "config/loader.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace {

std::string read(const std::filesystem::path &p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

aigw::config::LoadResult load_text(const aigw::test::TempDir &dir, const std::string &text) {
  const auto file = dir.write("fuzz.yaml", text);
  return aigw::config::load_desired(
      {file}, {.getenv = [](const std::string &) { return std::optional<std::string>("v"); }});
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
        const auto result = load_text(dir, text.substr(0, n));
        for (const auto &d : result.diagnostics) {
          EXPECT_GE(d.line, 1);
          EXPECT_GE(d.column, 1);
        }
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
