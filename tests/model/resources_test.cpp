#include "model/resources.h"

#include <gtest/gtest.h>

using namespace aigw::model;

TEST(Glob, MatchesStarsAndQuestionMarks) {
  EXPECT_TRUE(glob_match("support-*", "support-bot"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("support-*", "sales-bot"));
  EXPECT_TRUE(glob_match("*-bot-*", "x-bot-y"));
  EXPECT_FALSE(glob_match("a*b", "aXbY"));
}

TEST(Scope, EmptyScopeOwnsEverything) {
  EXPECT_TRUE(in_scope({}, "anything"));
  EXPECT_TRUE(in_scope({"a-*", "b"}, "b"));
  EXPECT_FALSE(in_scope({"a-*", "b"}, "c"));
}

TEST(Elements, RoundTripThroughValue) {
  std::vector<RouteElement> elements = {
      {"start", "start", {}, Object{{"next", Value(Object{{"elementId", Value("end")}})}}},
      {"end", "end", {}, {}}};
  auto back = elements_from_value(elements_to_value(elements));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, elements);
  EXPECT_FALSE(elements_from_value(Value(Array{Value(1)})).has_value());
}
