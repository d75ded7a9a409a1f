#include "util/json_escape.h"

#include <gtest/gtest.h>

namespace aigw {
namespace {

TEST(JsonEscape, QuotesBackslashesAndEveryControlCharacter) {
  EXPECT_EQ(json_escape("plain text"), "plain text");
  EXPECT_EQ(json_escape("a\"b\\c"), "a\\\"b\\\\c");
  EXPECT_EQ(json_escape("\n\r\t\b\f"), "\\n\\r\\t\\b\\f");
  EXPECT_EQ(json_escape(std::string_view("\x1b[2J\x7f\0", 6)), "\\u001b[2J\\u007f\\u0000");
  EXPECT_EQ(json_escape("caf\xc3\xa9"), "caf\xc3\xa9"); // UTF-8 passes through
}

} // namespace
} // namespace aigw
