#include "model/value.h"

#include <gtest/gtest.h>

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

TEST(Value, FindOnlyOnObjects) {
  Value obj(Object{{"k", Value(1)}});
  ASSERT_NE(obj.find("k"), nullptr);
  EXPECT_EQ(obj.find("missing"), nullptr);
  EXPECT_EQ(Value(1).find("k"), nullptr);
}
