#pragma once
// Golden files of the renderers, under tests/render/golden/. Regenerate with
// AIGW_UPDATE_GOLDEN=1.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace aigw::test {

inline const std::string k_golden_dir = std::string(AIGW_SOURCE_DIR) + "/tests/render/golden/";

/// Expects actual to equal the golden file name (writing it first when updating).
inline void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = k_golden_dir + name;
  if (std::getenv("AIGW_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << path << " (run with AIGW_UPDATE_GOLDEN=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "golden file " << path << " differs";
}

} // namespace aigw::test
