// source_differences: which files differ between a plan's sources and the files read now
// (`apply PLANFILE -f PATH`), matched by path, or in order when another checkout's paths
// differ; and load_desired_sources, which loads a plan's sources without reading a file.

#include "config/loader.h"
#include "config/source_differences.h"

#include <gtest/gtest.h>

namespace aigw::config {
namespace {

using Files = std::vector<model::SourceFile>;

TEST(SourceDifferences, TheSameTextsAreTheSameDesiredState) {
  const Files plan = {{"c/a.yaml", "a"}, {"c/b.yaml", "b"}};
  EXPECT_TRUE(source_differences(plan, plan).empty());
  // Another checkout: other paths, the same texts in the same order.
  EXPECT_TRUE(source_differences(plan, {{"/ci/c/a.yaml", "a"}, {"/ci/c/b.yaml", "b"}}).empty());
}

TEST(SourceDifferences, NamesEveryFileThatDiffersIsMissingOrIsNew) {
  const Files plan = {{"c/a.yaml", "a"}, {"c/b.yaml", "b"}};
  EXPECT_EQ(source_differences(plan, {{"c/a.yaml", "a2"}, {"c/b.yaml", "b"}}),
            std::vector<std::string>{"c/a.yaml differs"});
  EXPECT_EQ(source_differences(plan, {{"c/a.yaml", "a"}}),
            std::vector<std::string>{"c/b.yaml is in the plan but not in the files read now"});
  EXPECT_EQ(source_differences(plan, {{"c/a.yaml", "a"}, {"c/b.yaml", "b"}, {"c/n.yaml", "n"}}),
            std::vector<std::string>{"c/n.yaml is in the files read now but not in the plan"});
  EXPECT_EQ(source_differences(plan, {{"/ci/c/a.yaml", "a"}, {"/ci/c/b.yaml", "x"}}),
            std::vector<std::string>{"/ci/c/b.yaml differs from the plan's c/b.yaml"});
}

TEST(SourceDifferences, UnderAnotherRootOnlyTheExtraFileIsNew) {
  // `plan -f c --out p.json`, then `apply p.json -f /ci/c/` where c/ gained extra.yaml.
  const Files plan = {{"c/aigw.yaml", "a"}};
  EXPECT_EQ(
      source_differences(plan, {{"/ci/c/aigw.yaml", "a"}, {"/ci/c/extra.yaml", "x"}}),
      std::vector<std::string>{"/ci/c/extra.yaml is in the files read now but not in the plan"});
  EXPECT_EQ(
      source_differences(plan, {{"./c/aigw.yaml", "a"}, {"./c/extra.yaml", "x"}}),
      std::vector<std::string>{"./c/extra.yaml is in the files read now but not in the plan"});
}

TEST(SourceDifferences, UnderAnotherRootFilesPairByTheirPathBelowTheRoot) {
  const Files plan = {{"c/a/gw.yaml", "a"}, {"c/b/gw.yaml", "b"}};
  EXPECT_EQ(
      source_differences(
          plan, {{"/ci/c/a/gw.yaml", "a"}, {"/ci/c/b/gw.yaml", "b2"}, {"/ci/c/n.yaml", "n"}}),
      (std::vector<std::string>{"/ci/c/b/gw.yaml differs from the plan's c/b/gw.yaml",
                                "/ci/c/n.yaml is in the files read now but not in the plan"}));
  EXPECT_EQ(source_differences(plan, {{"/ci/c/b/gw.yaml", "b"}}),
            std::vector<std::string>{"c/a/gw.yaml is in the plan but not in the files read now"});
}

TEST(LoadDesiredSources, LoadsTextsWithTheGivenEnvironmentOnly) {
  LoadOptions options;
  options.getenv = [](const std::string& name) -> std::optional<std::string> {
    return name == "ACCT" ? std::optional<std::string>("acct-9") : std::nullopt;
  };
  const auto loaded = load_desired_sources(
      {{"plan/aigw.yaml", "account_id: ${ACCT}\ngateways:\n  - id: gw\n"}}, options);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.front().to_string();
  ASSERT_EQ(loaded.desired.resources.gateways.size(), 1U);
  EXPECT_EQ(loaded.desired.account_id, "acct-9");
  EXPECT_EQ(loaded.files, std::vector<std::string>{"plan/aigw.yaml"});
  const auto unset = load_desired_sources(
      {{"plan/aigw.yaml", "account_id: ${NOPE}\ngateways:\n  - id: gw\n"}}, options);
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.diagnostics.front().file, "plan/aigw.yaml");
}

} // namespace
} // namespace aigw::config
