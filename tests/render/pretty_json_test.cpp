// pretty_json prints numbers as people wrote them: the shortest round-trip text.

#include "render/pretty_json.h"

#include <boost/json/value.hpp>
#include <gtest/gtest.h>

namespace aigw::render {
namespace {

TEST(PrettyJson, DoublesPrintShortestNotScientific) {
  boost::json::value v = {{"rate", 0.06}, {"ttl", 300}, {"ratio", 0.1 + 0.2}};
  EXPECT_EQ(pretty_json(v),
            "{\n  \"rate\": 0.06,\n  \"ttl\": 300,\n  \"ratio\": 0.30000000000000004\n}\n");
}

} // namespace
} // namespace aigw::render
