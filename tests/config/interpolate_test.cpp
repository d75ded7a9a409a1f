#include "config/interpolate.h"
#include "config/suggest.h"

#include <gtest/gtest.h>

#include <array>

using aigw::config::interpolate;

namespace {
std::optional<std::string> lookup(const std::string &name) {
  if (name == "A") {
    return std::string("alpha");
  }
  if (name == "EMPTY") {
    return std::string();
  }
  return std::nullopt;
}
} // namespace

TEST(Interpolate, ReplacesEveryReference) {
  const auto r = interpolate("x-${A}-${A}-${EMPTY}.", lookup);
  EXPECT_EQ(r.text, "x-alpha-alpha-.");
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.variables.size(), 3U);
}

TEST(Interpolate, DoubleDollarIsALiteral) {
  EXPECT_EQ(interpolate("$${A} and $A and $", lookup).text, "${A} and $A and $");
}

TEST(Interpolate, ReportsUnsetMalformedAndUnterminated) {
  EXPECT_EQ(interpolate("${NOPE}", lookup).errors,
            std::vector<std::string>{"environment variable 'NOPE' is not set"});
  EXPECT_EQ(interpolate("${1X}", lookup).errors.size(), 1U);
  EXPECT_EQ(interpolate("${}", lookup).errors.size(), 1U);
  EXPECT_EQ(interpolate("abc ${A", lookup).errors.size(), 1U);
}

TEST(Interpolate, SoleReference) {
  EXPECT_EQ(aigw::config::sole_reference("${KEY_1}"), "KEY_1");
  EXPECT_FALSE(aigw::config::sole_reference("x${KEY}"));
  EXPECT_FALSE(aigw::config::sole_reference("${A}${B}"));
  EXPECT_FALSE(aigw::config::sole_reference("sk-123"));
}

TEST(Suggest, NearestKeyByEditDistance) {
  constexpr std::array<std::string_view, 3> keys = {"cache_ttl", "collect_logs", "zdr"};
  EXPECT_EQ(aigw::config::nearest("cache_tll", keys), "cache_ttl");
  EXPECT_EQ(aigw::config::nearest("Collect_Logs", keys), "collect_logs");
  EXPECT_EQ(aigw::config::nearest("something_else", keys), "");
  EXPECT_EQ(aigw::config::edit_distance("kitten", "sitting"), 3U);
}
