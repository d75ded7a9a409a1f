// NodeReader's plain scalars follow YAML 1.2's core schema: which text reads as a number is
// checked against the schema's own regular expression over a set of edge cases.

#include "config/node_reader.h"
#include "config/yaml_tree.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

namespace {

using aigw::config::NodeReader;
using aigw::config::parse_yaml;

TEST(NodeReader, PlainScalarsAreNumbersExactlyWhenTheCoreSchemaSaysSo) {
  const std::regex core(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  const std::vector<std::string> texts = {
      "0",     "7",    "-7",   "+7",    "1.",   ".5",   "-.5",  "+.5e3", "1.5E+2", "1e5",
      "1e-5",  "12.34", "007", ".",     "+",    "1e",   "1e+",  "e5",   ".e5",   "1.2.3",
      "0x1F",  "0o17", "1_000", "--1",  "1e5x", "1.5e", "inf",  ".inf", "NaN",   "12abc",
      "-.",    "1..2", "9.e9",  "+-1",  "1E05", "0.0",  "5e-0", "-e1",  "+.",   "1e5.0"};
  for (const auto& text : texts) {
    std::vector<aigw::config::Diagnostic> diagnostics;
    NodeReader reader("t.yaml", {}, &diagnostics);
    const auto docs = parse_yaml("v: " + text + "\n");
    ASSERT_EQ(docs.roots().size(), 1U) << text;
    const auto value = reader.value(docs.roots().front()["v"], "v");
    ASSERT_TRUE(value.has_value()) << text;
    // yaml-cpp trims the plain scalar; the schema applies to what it read.
    const std::string read = docs.roots().front()["v"].Scalar();
    EXPECT_EQ(value->is_number(), std::regex_match(read, core)) << "'" << text << "'";
  }
}

} // namespace
