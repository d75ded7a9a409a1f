// parse_duration: the --interval values the docs promise, and clear errors for the rest.

#include "service/duration.h"

#include <gtest/gtest.h>

namespace aigw::service {
namespace {

using namespace std::chrono_literals;

TEST(ParseDuration, AcceptsUnitsAndCombinations) {
  EXPECT_EQ(parse_duration("30s").value(), 30s);
  EXPECT_EQ(parse_duration("5m").value(), 5min);
  EXPECT_EQ(parse_duration("1h").value(), 1h);
  EXPECT_EQ(parse_duration("1h30m").value(), 90min);
  EXPECT_EQ(parse_duration("500ms").value(), 500ms);
  EXPECT_EQ(parse_duration("2m15s").value(), 135s);
}

TEST(ParseDuration, RefusesWhatIsNotADuration) {
  for (const char* text : {"", "30", "s", "5 m", "-5s", "1.5h", "5d", "30s5m", "5m5m", "0s"}) {
    SCOPED_TRACE(text);
    const auto parsed = parse_duration(text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().message.find(std::string("'") + text + "'"), std::string::npos)
        << parsed.error().message;
  }
  EXPECT_EQ(parse_duration("10000h").error().message, "duration '10000h' is longer than a year");
}

} // namespace
} // namespace aigw::service
