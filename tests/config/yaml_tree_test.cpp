// config/yaml_tree: the compact tree built from yaml-cpp's parser events answers as
// YAML::Node did for everything loading asks (types, scalars, tags, marks, aliases, lookups).

#include "config/yaml_tree.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using aigw::config::parse_yaml;
using aigw::config::YamlNode;

TEST(YamlTree, TypesScalarsTagsAndMarksAsYamlCppReportsThem) {
  const auto docs = parse_yaml("a: {x: 1}\nb: [1, ~, '', \"q\", !!str 3, !foo x]\nd:\n");
  ASSERT_EQ(docs.roots().size(), 1U);
  const YamlNode root = docs.roots().front();
  ASSERT_TRUE(root.IsMap());
  EXPECT_EQ(root.size(), 3U);
  EXPECT_EQ(root["a"].Tag(), "?");
  EXPECT_EQ(root["a"].Mark().line, 0);
  EXPECT_EQ(root["a"].Mark().column, 3);
  EXPECT_EQ(root["a"]["x"].Scalar(), "1");
  const YamlNode b = root["b"];
  ASSERT_TRUE(b.IsSequence());
  std::vector<std::string> seen;
  for (const auto &item : b) {
    seen.push_back(std::string(item.IsNull() ? "null" : item.IsScalar() ? "scalar" : "other") +
                   "|" + item.Scalar() + "|" + item.Tag() + "|" +
                   std::to_string(item.Mark().column));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"scalar|1|?|4", "null|||7", "scalar||!|10",
                                            "scalar|q|!|14", "scalar|3|tag:yaml.org,2002:str|19",
                                            "scalar|x|!foo|28"}));
  EXPECT_TRUE(root["d"].IsDefined());
  EXPECT_TRUE(root["d"].IsNull());
}

TEST(YamlTree, MappingPairsInDocumentOrderWithDuplicatesKept) {
  const auto docs = parse_yaml("k: 1\nj: 2\nk: 3\n");
  std::vector<std::string> pairs;
  for (auto it = docs.roots().front().begin(); it != docs.roots().front().end(); ++it) {
    EXPECT_FALSE(it->IsDefined()); // a pair, not a node
    pairs.push_back(it->first.Scalar() + "=" + it->second.Scalar());
  }
  EXPECT_EQ(pairs, (std::vector<std::string>{"k=1", "j=2", "k=3"}));
  EXPECT_EQ(docs.roots().front()["k"].Scalar(), "1"); // the first, as yaml-cpp looks up
}

TEST(YamlTree, AnAliasIsTheAnchoredNodeItself) {
  const auto docs = parse_yaml("a: &x {p: 1}\nb: *x\n");
  const YamlNode root = docs.roots().front();
  EXPECT_EQ(root["b"]["p"].Scalar(), "1");
  EXPECT_EQ(root["b"].Mark().line, 0); // where the anchored node is, as with YAML::Node
}

TEST(YamlTree, AMissingKeyIsUndefinedAndAnswersFalseInsteadOfThrowing) {
  const auto docs = parse_yaml("a: 1\n");
  const YamlNode missing = docs.roots().front()["nope"];
  EXPECT_FALSE(missing.IsDefined());
  EXPECT_FALSE(missing.IsMap());
  EXPECT_FALSE(missing.IsNull());
  EXPECT_EQ(missing.size(), 0U);
  EXPECT_EQ(missing.begin(), missing.end());
  EXPECT_EQ(missing.Mark().line, -1);
  EXPECT_FALSE(docs.roots().front()["a"]["b"].IsDefined()); // a lookup in a scalar
}

TEST(YamlTree, DocumentsEmptyAndSeveral) {
  EXPECT_TRUE(parse_yaml("").roots().empty());
  const auto empty_document = parse_yaml("---\n...\n");
  ASSERT_EQ(empty_document.roots().size(), 1U);
  EXPECT_TRUE(empty_document.roots().front().IsNull());
  const auto two = parse_yaml("a: 1\n---\nb: 2\n");
  ASSERT_EQ(two.roots().size(), 2U);
  EXPECT_EQ(two.roots()[1].Mark().line, 2);
  EXPECT_TRUE(YamlNode().IsDefined());
  EXPECT_TRUE(YamlNode().IsNull());
}

TEST(YamlTree, LargeCollectionsKeepEveryChild) {
  std::string text = "[";
  for (int i = 0; i < 5000; ++i) {
    text += std::to_string(i) + ",";
  }
  text += "last]";
  const auto docs = parse_yaml(text);
  const YamlNode seq = docs.roots().front();
  ASSERT_EQ(seq.size(), 5001U);
  int i = 0;
  for (const auto &item : seq) {
    EXPECT_EQ(item.Scalar(), i < 5000 ? std::to_string(i) : "last");
    ++i;
  }
}

} // namespace
