#include "model/value.h"
#include "util/concat.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

using aigw::model::Object;
using aigw::model::Value;

namespace {

std::vector<std::string> keys(const Object& o) {
  std::vector<std::string> out;
  for (const auto& [key, value] : o) {
    out.push_back(key);
  }
  return out;
}

} // namespace

TEST(Object, KeepsItsMembersSortedByKeyWhateverTheOrderTheyCameIn) {
  Object o;
  o.emplace("name", "n");
  o["id"] = "x";
  o.insert_or_assign("zeta", 1);
  o.insert({"alpha", true});
  o.try_emplace("middle");
  EXPECT_EQ(keys(o), (std::vector<std::string>{"alpha", "id", "middle", "name", "zeta"}));
  EXPECT_TRUE(o.at("middle").is_null());
}

TEST(Object, EmplaceKeepsTheValueThereAndInsertOrAssignReplacesIt) {
  Object o{{"a", 1}};
  auto [it, added] = o.emplace("a", 2);
  EXPECT_FALSE(added);
  EXPECT_EQ(it->second, Value(1));
  auto [it2, added2] = o.insert_or_assign("a", 3);
  EXPECT_FALSE(added2);
  EXPECT_EQ(it2->second, Value(3));
  EXPECT_EQ(o.size(), 1U);
}

TEST(Object, AnInitializerListKeepsTheFirstOfRepeatedKeysLikeAMap) {
  const Object o{{"b", 1}, {"a", 2}, {"b", 3}};
  EXPECT_EQ(keys(o), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(o.at("b"), Value(1));
}

TEST(Object, FindsCountsErasesAndSaysWhichKeyAtMissed) {
  Object o{{"a", 1}, {"b", 2}, {"c", 3}};
  EXPECT_NE(o.find("b"), o.end());
  EXPECT_EQ(o.find("bb"), o.end());
  EXPECT_EQ(o.find(""), o.end());
  EXPECT_TRUE(o.contains("c"));
  EXPECT_EQ(o.count("d"), 0U);
  EXPECT_EQ(o.erase("b"), 1U);
  EXPECT_EQ(o.erase("b"), 0U);
  auto next = o.erase(o.find("a"));
  EXPECT_EQ(next->first, "c");
  EXPECT_EQ(keys(o), (std::vector<std::string>{"c"}));
  try {
    (void)o.at("missing");
    FAIL() << "at() of a missing key did not throw";
  } catch (const std::out_of_range& e) {
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos);
  }
}

TEST(Object, EqualityIsByMembersWhateverTheInsertionOrder) {
  Object a;
  a["x"] = 1;
  a["y"] = "two";
  Object b;
  b["y"] = "two";
  b["x"] = 1.0;
  EXPECT_EQ(a, b);
  b["z"] = nullptr;
  EXPECT_FALSE(a == b);
}

TEST(Object, TakeSortsTheMembersAndKeepsTheLastOfRepeatedKeysLikeAJsonParser) {
  std::vector<Object::value_type> members;
  members.emplace_back("name", "first");
  members.emplace_back("id", "gw");
  members.emplace_back("name", "second");
  members.emplace_back("enable", true);
  members.emplace_back("name", "third");
  const Object o = Object::take(members);
  EXPECT_EQ(keys(o), (std::vector<std::string>{"enable", "id", "name"}));
  EXPECT_EQ(o.at("name"), Value("third"));
}

TEST(Object, TakeSortsAHugeObjectStablyToo) {
  // Beyond the small-object insertion sort: keys in reverse order, each given twice.
  std::vector<Object::value_type> members;
  for (int round = 0; round < 2; ++round) {
    for (int i = 299; i >= 0; --i) {
      members.emplace_back(aigw::concat("k", std::to_string(1000 + i)), round * 1000 + i);
    }
  }
  const Object o = Object::take(members);
  ASSERT_EQ(o.size(), 300U);
  std::string previous;
  for (const auto& [key, value] : o) {
    EXPECT_LT(previous, key);
    previous = key;
  }
  EXPECT_EQ(o.at("k1000"), Value(1000));
  EXPECT_EQ(o.at("k1299"), Value(1299));
}

TEST(Object, TakeOfNothingIsEmpty) {
  std::vector<Object::value_type> members;
  EXPECT_TRUE(Object::take(members).empty());
}
