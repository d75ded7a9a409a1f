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

TEST(Value, NumbersPrintAsTheShortestTextThatRoundTrips) {
  EXPECT_EQ(aigw::model::number_text(0.06), "0.06");
  EXPECT_EQ(aigw::model::number_text(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(aigw::model::number_text(300.0), "300");
  EXPECT_EQ(aigw::model::number_text(-2.5), "-2.5");
  EXPECT_EQ(aigw::model::number_text(1e-7), "1e-07");
  EXPECT_EQ(Value(Array{Value(0.06), Value(0.7)}).to_json(), "[0.06,0.7]");
}

TEST(Value, ANumberKeepsTheTextItWasReadFromAndIsStillANumber) {
  const auto big = aigw::model::Value::number(9007199254740992.0, "9007199254740993");
  EXPECT_TRUE(big.is_number());
  EXPECT_EQ(big.kind(), aigw::model::Value::Kind::number);
  EXPECT_EQ(big.as_number(), 9007199254740992.0);
  EXPECT_EQ(big.number_text(), "9007199254740993");
  EXPECT_EQ(big.to_json(), "9007199254740993");
  EXPECT_FALSE(big == aigw::model::Value(9007199254740992.0));
  EXPECT_EQ(big, aigw::model::Value::number(9007199254740992.0, "9007199254740993"));
  const auto plain = aigw::model::Value::number(0.5, "");
  EXPECT_TRUE(plain.number_text().empty());
  EXPECT_EQ(plain, aigw::model::Value(0.5));
}
