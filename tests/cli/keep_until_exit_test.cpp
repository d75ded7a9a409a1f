// keep_until_exit: what a command leaves to the end of the process is moved, never destroyed.

#include "cli/keep_until_exit.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aigw::cli {
namespace {

struct Counted {
  static inline int destroyed = 0;
  std::vector<std::string> items;
  Counted() = default;
  explicit Counted(std::vector<std::string> v) : items(std::move(v)) {}
  Counted(Counted&&) = default;
  Counted& operator=(Counted&&) = default;
  Counted(const Counted&) = delete; // moved, never copied
  Counted& operator=(const Counted&) = delete;
  ~Counted() { ++destroyed; }
};

TEST(KeepUntilExit, MovesTheObjectAndNeverDestroysIt) {
  Counted::destroyed = 0;
  {
    Counted local({"a", "b"});
    Counted& kept = keep_until_exit(std::move(local));
    EXPECT_EQ(kept.items, (std::vector<std::string>{"a", "b"}));
    EXPECT_NE(&kept, &local);
  }
  EXPECT_EQ(Counted::destroyed, 1); // the moved-from local only
}

} // namespace
} // namespace aigw::cli
