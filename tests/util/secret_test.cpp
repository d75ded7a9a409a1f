#include "util/secret.h"

#include <gtest/gtest.h>

#include <sstream>

using aigw::Redactor;
using aigw::Secret;

TEST(Secret, PrintsAMask) {
  Secret s("canary-token-0123456789");
  std::ostringstream out;
  out << s;
  EXPECT_EQ(out.str(), "(sensitive)");
  EXPECT_EQ(s.reveal(), "canary-token-0123456789");
}

TEST(Redactor, ScrubsEveryRegisteredValue) {
  Secret a("canary-A-secret");
  Secret b("canary-B-secret-longer");
  const auto text = Redactor::global().redact("x canary-A-secret y canary-B-secret-longer z canary-A-secret");
  EXPECT_EQ(text, "x (sensitive) y (sensitive) z (sensitive)");
}

TEST(Redactor, IgnoresTinyValues) {
  Redactor r;
  r.add("ab");
  EXPECT_EQ(r.redact("abc"), "abc");
}
