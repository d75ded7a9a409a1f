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

TEST(Redactor, ScrubsASecretAlsoInTheFormJsonWritesIt) {
  // A server that echoes the request body (as JSON) in its error shows a secret with a
  // quote, a backslash or a control character escaped: that form is masked too.
  Redactor r;
  r.add("sk-CANARY\"quote\\slash\ttab12345");
  EXPECT_EQ(r.redact(R"j({"secret":"sk-CANARY\"quote\\slash\ttab12345"})j"),
            R"j({"secret":"(sensitive)"})j");
  EXPECT_EQ(r.redact("raw: sk-CANARY\"quote\\slash\ttab12345"), "raw: (sensitive)");
}

TEST(Redactor, ScrubsASecretEscapedTheWaysOtherJsonWritersDo) {
  Redactor r;
  r.add("tok/en&more<12345>");
  EXPECT_EQ(r.redact(R"j("tok\/en&more<12345>")j"), R"j("(sensitive)")j");
  EXPECT_EQ(r.redact(R"j("tok/en\u0026more\u003c12345\u003e")j"), R"j("(sensitive)")j");
  EXPECT_EQ(r.redact("tok/en&more<12345>"), "(sensitive)");
}
