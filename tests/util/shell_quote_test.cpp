// Commands aigw prints for the user to paste must mean, to a shell, what aigw meant.

#include "util/shell_quote.h"

#include <gtest/gtest.h>

namespace aigw {
namespace {

TEST(ShellQuote, LeavesPlainWordsAlone) {
  EXPECT_EQ(shell_quote("plan.json"), "plan.json");
  EXPECT_EQ(shell_quote("--gateway"), "--gateway");
  EXPECT_EQ(shell_quote("/tmp/a-b_c/plan.json"), "/tmp/a-b_c/plan.json");
}

TEST(ShellQuote, QuotesGlobsSpacesAndTheEmptyWord) {
  EXPECT_EQ(shell_quote("search-*"), "'search-*'");
  EXPECT_EQ(shell_quote("my plan.json"), "'my plan.json'");
  EXPECT_EQ(shell_quote("a$HOME"), "'a$HOME'");
  EXPECT_EQ(shell_quote(""), "''");
}

TEST(ShellQuote, EscapesASingleQuote) {
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
}

TEST(ShellCommand, QuotesEachWord) {
  EXPECT_EQ(shell_command({"aigw", "apply", "pp.json", "--prune", "--gateway", "search-*"}),
            "aigw apply pp.json --prune --gateway 'search-*'");
}

} // namespace
} // namespace aigw
