#include "util/printable.h"
#include "util/secret.h"

#include <gtest/gtest.h>

namespace aigw {
namespace {

TEST(Printable, EscapesControlCharactersSoTextCannotDriveTheTerminal) {
  EXPECT_EQ(escape_control_characters("a\x1b[2Jb"), "a\\x1b[2Jb");
  EXPECT_EQ(escape_control_characters(std::string("id\0x", 4)), "id\\x00x");
  EXPECT_EQ(escape_control_characters("line\nPlan: 0 to create"), "line\\x0aPlan: 0 to create");
  EXPECT_EQ(escape_control_characters("del\x7f"), "del\\x7f");
  EXPECT_EQ(escape_control_characters("csi\xc2\x9b" "2J"), "csi\\u009b2J");
  EXPECT_EQ(escape_control_characters("caf\xc3\xa9 \xe2\x9c\x93"), "caf\xc3\xa9 \xe2\x9c\x93");
}

TEST(Printable, TruncatesOnACharacterBoundaryAndSaysHowMuch) {
  EXPECT_EQ(truncate_text("abcdef", 10), "abcdef");
  EXPECT_EQ(truncate_text("abcdef", 4), "abcd... (2 more bytes)");
  // "é" is two bytes; cutting at 4 would split it.
  EXPECT_EQ(truncate_text("abc\xc3\xa9xyz", 4), "abc... (5 more bytes)");
}

TEST(Printable, RedactsBeforeTruncatingSoACutSecretIsNeverShownInPart) {
  Redactor::global().clear();
  const std::string secret = "sk-0123456789abcdef0123456789abcd"; // 33 characters
  Redactor::global().add(secret);
  const std::string text = std::string(180, 'x') + secret;
  const std::string shown = printable(text, 200);
  EXPECT_EQ(shown.find("sk-0123"), std::string::npos) << shown;
  EXPECT_NE(shown.find("(sensitive)"), std::string::npos) << shown;
  Redactor::global().clear();
}

TEST(Printable, CapsEachMessage) {
  const std::string huge(5 * 1024 * 1024, 'm');
  const std::string shown = printable(huge);
  EXPECT_LT(shown.size(), k_max_message_bytes + 40);
  EXPECT_NE(shown.find("more bytes"), std::string::npos);
}

} // namespace
} // namespace aigw

TEST(Printable, AnEscapedNameIsPrintableAndNeverTheSameAsAnotherName) {
  using aigw::escaped_name;
  EXPECT_EQ(escaped_name("plain-name"), "plain-name");
  EXPECT_EQ(escaped_name("back\\slash"), "back\\slash"); // no escape sequence: as it is
  EXPECT_EQ(escaped_name("multi\nline"), "multi\\x0aline");
  // A name that holds what looks like an escape is escaped too, so the two stay apart.
  EXPECT_EQ(escaped_name("multi\\x0aline"), "multi\\x5cx0aline");
  EXPECT_EQ(escaped_name("a\\u001bb"), "a\\x5cu001bb");
  EXPECT_EQ(escaped_name("tab\there\\n"), "tab\\x09here\\x5cn");
  EXPECT_TRUE(aigw::has_escape_sequence(escaped_name("x\x01")));
  EXPECT_FALSE(aigw::has_escape_sequence("a\\xZZ and \\u12"));
  EXPECT_TRUE(aigw::has_control_character("c1 \xc2\x9b here"));
  EXPECT_FALSE(aigw::has_control_character("caf\xc3\xa9"));
}
