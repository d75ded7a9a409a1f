// Golden tests of the three renderers. Regenerate with AIGW_UPDATE_GOLDEN=1.

#include "render/change_words.h"
#include "render/plan_json.h"
#include "render/plan_markdown.h"
#include "render/plan_text.h"
#include "golden.h"
#include "sample_plan.h"

#include "util/concat.h"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace aigw::render {
namespace {

using test::expect_golden;

TEST(FieldLine, AChangedSensitiveValueSaysSoWithoutShowingEither) {
  EXPECT_EQ(field_line({"otel[0].authorization", model::Value("(sensitive)"),
                        model::Value("(sensitive)"), true}),
            "~ otel[0].authorization: (sensitive, changed)");
  EXPECT_EQ(field_line({"secret", std::nullopt, std::nullopt, true}), "+ secret = (sensitive)");
}

TEST(FieldLine, NumbersReadAsWritten) {
  EXPECT_EQ(field_line({"filters[0].value", model::Value(model::Array{0.5}),
                        model::Value(model::Array{0.06}), false}),
            "~ filters[0].value: [0.5] -> [0.06]");
}

TEST(RenderText, Golden) {
  expect_golden("plan.txt", render_plan_text(test::sample_plan(), {false}));
}

TEST(RenderText, GoldenWithColour) {
  expect_golden("plan_colour.txt", render_plan_text(test::sample_plan(), {true}));
}

TEST(RenderText, NoChanges) {
  engine::Plan plan;
  plan.api_requests = 1;
  expect_golden("plan_empty.txt", render_plan_text(plan, {false}));
}

TEST(RenderText, NoColourCodesWithoutColour) {
  EXPECT_EQ(render_plan_text(test::sample_plan(), {false}).find('\x1b'), std::string::npos);
  EXPECT_NE(render_plan_text(test::sample_plan(), {true}).find('\x1b'), std::string::npos);
}

TEST(RenderJson, Golden) {
  const std::string json = render_plan_json(test::sample_plan());
  expect_golden("plan.json", json);
  const auto doc = boost::json::parse(json).as_object();
  EXPECT_EQ(doc.at("format_version").as_int64(), 1);
  EXPECT_EQ(doc.at("api_requests").as_int64(), 7);
  EXPECT_EQ(doc.at("summary").at("billing").as_int64(), 1);
}

TEST(RenderMarkdown, Golden) {
  expect_golden("plan.md", render_plan_markdown(test::sample_plan()));
}

TEST(RenderMarkdown, HugePlanStaysWithinOneComment) {
  engine::Plan plan = test::sample_plan();
  const auto one = plan.changes[3];
  for (int i = 0; i < 3000; ++i) {
    auto copy = one;
    copy.key = {"dataset-" + std::to_string(i)};
    plan.changes.push_back(copy);
  }
  const std::string md = render_plan_markdown(plan);
  EXPECT_LE(md.size(), k_markdown_budget);
  EXPECT_EQ(md.rfind("### aigw plan\n\n**Plan: 2 to create, 3005 to update, 3 to delete.**", 0), 0u);
  EXPECT_NE(md.find("more changes not detailed here"), std::string::npos);
  EXPECT_NE(md.find("_Read live state with 7 API requests._\n"), std::string::npos);
  EXPECT_EQ(render_plan_markdown(test::sample_plan()).find("not detailed here"), std::string::npos);
  // Details did not all fit, so no graph did either; the plan says so.
  EXPECT_EQ(md.find("```mermaid"), std::string::npos);
  EXPECT_NE(md.find("_2 route graphs left out, to keep the comment within GitHub's size limit; "
                    "`aigw graph --route GATEWAY/NAME` draws them._"),
            std::string::npos);
}

TEST(RenderMarkdown, RouteGraphsAreTheFirstThingDropped) {
  engine::Plan plan = test::sample_plan();
  // A route so large that its graph cannot fit, while every change's details do.
  auto& chat = plan.changes[6];
  ASSERT_EQ(chat.key, std::vector<std::string>{"chat"});
  chat.elements = {{"start", "start", {}, {{"next", model::Object{{"elementId", "m0"}}}}}};
  for (int i = 0; i < 1000; ++i) {
    const std::string next = i + 1 < 1000 ? concat("m", std::to_string(i + 1)) : "end";
    chat.elements.push_back({concat("m", std::to_string(i)), "model",
                             {{"provider", "openai"}, {"model", "gpt-4o-mini"}},
                             {{"success", model::Object{{"elementId", next}}}}});
  }
  chat.elements.push_back({"end", "end", {}, {}});
  const std::string md = render_plan_markdown(plan);
  EXPECT_LE(md.size(), k_markdown_budget);
  EXPECT_EQ(md.find("not detailed here"), std::string::npos) << "every change is detailed";
  EXPECT_EQ(md.find("<b><code>~ route support-bot/chat</code></b>"), std::string::npos);
  EXPECT_NE(md.find("_2 route graphs left out"), std::string::npos)
      << "the graphs after the first that did not fit are left out too";
  EXPECT_EQ(render_plan_markdown(test::sample_plan()).find("left out"), std::string::npos);
}

TEST(RenderMarkdown, ALongNotManagedListIsCapped) {
  engine::Plan plan = test::sample_plan();
  for (int i = 0; i < 5000; ++i) {
    plan.not_managed.push_back({"gateway other-" + std::to_string(i), "not declared; prune would "
                                                                       "delete it"});
  }
  const std::string md = render_plan_markdown(plan);
  EXPECT_LE(md.size(), k_markdown_budget);
  EXPECT_NE(md.find("**Not managed: 5002 objects"), std::string::npos);
  EXPECT_NE(md.find("- _and 4952 more; run `aigw plan` for the full list_"), std::string::npos);
}

TEST(Renderers, NeverShowTheSecretAndFlagBilling) {
  const auto plan = test::sample_plan();
  for (const std::string& out : {render_plan_text(plan, {false}), render_plan_json(plan),
                                 render_plan_markdown(plan)}) {
    EXPECT_EQ(out.find("sk-render-test-secret"), std::string::npos);
    EXPECT_NE(out.find("(sensitive)"), std::string::npos);
    EXPECT_NE(out.find("billing"), std::string::npos);
  }
}

} // namespace
} // namespace aigw::render
