#include "model/value.h"

#include <gtest/gtest.h>

#include <limits>

using aigw::model::Array;
using aigw::model::Object;
using aigw::model::Value;

TEST(Value, NumbersCompareByValue) {
  EXPECT_EQ(Value(300), Value(300.0));
  EXPECT_NE(Value(300), Value(300.5));
  EXPECT_NE(Value(1), Value("1"));
}

TEST(Value, JsonIsCompactWithSortedKeysAndIntegralNumbers) {
  Value v(Object{{"b", Value(Array{Value(1), Value(2.5), Value(true), Value()})}, {"a", Value("x\"y\n")}});
  EXPECT_EQ(v.to_json(), R"({"a":"x\"y\n","b":[1,2.5,true,null]})");
}

// JSON has no Infinity or NaN: a non-finite number is written as null, so the text stays
// valid JSON whatever reached the value (this is also the API client's request writer).
TEST(Value, NonFiniteNumbersAreWrittenAsNull) {
  const Value v(Array{Value(std::numeric_limits<double>::infinity()),
                      Value(-std::numeric_limits<double>::infinity()),
                      Value(std::numeric_limits<double>::quiet_NaN())});
  EXPECT_EQ(v.to_json(), "[null,null,null]");
}

TEST(Value, FindOnlyOnObjects) {
  Value obj(Object{{"k", Value(1)}});
  ASSERT_NE(obj.find("k"), nullptr);
  EXPECT_EQ(obj.find("missing"), nullptr);
  EXPECT_EQ(Value(1).find("k"), nullptr);
}
