// The example routes as Mermaid and DOT (golden files), every Mermaid output checked for
// structure, and every DOT output rendered by Graphviz, which must not complain.

#include "config/loader.h"
#include "golden.h"
#include "mermaid_check.h"
#include "render/plan_markdown.h"
#include "render/route_graph.h"
#include "render/route_graph_dot.h"
#include "render/route_graph_mermaid.h"
#include "sample_plan.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace aigw::render {
namespace {

using model::Object;
using model::RouteElement;
using test::expect_golden;

/// The routes of an example directory (every ${VAR} set to a placeholder).
std::vector<model::Route> example_routes(const std::string& example) {
  config::LoadOptions options;
  options.getenv = [](const std::string&) { return std::optional<std::string>("placeholder"); };
  auto loaded =
      config::load_desired({std::string(AIGW_SOURCE_DIR) + "/examples/" + example}, options);
  EXPECT_TRUE(loaded.ok()) << example;
  return loaded.desired.resources.routes;
}

const model::Route& route_named(const std::vector<model::Route>& routes, const std::string& name) {
  const auto it = std::find_if(routes.begin(), routes.end(),
                               [&](const model::Route& r) { return r.name == name; });
  EXPECT_NE(it, routes.end()) << name;
  return *it;
}

Object to(const std::string& id) {
  return Object{{"elementId", id}};
}

/// Element ids, properties and a title full of what Mermaid and DOT treat specially.
RouteGraph hostile_graph() {
  const std::vector<RouteElement> elements = {
      {"start", "start", {}, {{"next", to("a\"b")}}},
      {"a\"b",
       "conditional",
       {{"conditions", Object{{"k|`", Object{{"$eq", "<v>;"}}}}}},
       {{"true", to("x;y")}, {"false", to("end")}}},
      {"x;y", "percentage", {}, {{"50%", to("[z]")}, {"else", to("-->")}}},
      {"[z]",
       "model",
       {{"provider", "%%c"}, {"model", "gpt\n4|`x` ${y} #1; mod\xC3\xA8le \xFF"}},
       {{"success", to("end")}, {"fallback", to("#1;")}}},
      {"-->", "rate", {{"key", "\\N \\G"}, {"limit", 1}}, {{"success", to("subgraph")}}},
      {"subgraph", "model", {{"provider", "{a}"}, {"model", "\\"}}, {{"success", to("end")}}},
      {"end", "end", {}, {}},
  };
  auto graph = build_route_graph(elements);
  graph.title = "gw\"\n/<r>|%%;\\";
  return graph;
}

/// Every added, removed and changed kind of node and edge.
RouteGraph marked_graph() {
  const std::vector<RouteElement> before = {
      {"start", "start", {}, {{"next", to("primary")}}},
      {"primary",
       "model",
       {{"provider", "openai"}, {"model", "gpt-4o"}},
       {{"success", to("end")}, {"fallback", to("old")}}},
      {"old",
       "model",
       {{"provider", "openai"}, {"model", "gpt-3.5-turbo"}},
       {{"success", to("end")}}},
      {"end", "end", {}, {}},
  };
  const std::vector<RouteElement> desired = {
      {"start", "start", {}, {{"next", to("primary")}}},
      {"primary",
       "model",
       {{"provider", "openai"}, {"model", "gpt-4o-mini"}},
       {{"success", to("end")}, {"fallback", to("new")}}},
      {"new",
       "model",
       {{"provider", "anthropic"}, {"model", "claude-3-5-haiku-latest"}},
       {{"success", to("end")}}},
      {"end", "end", {}, {}},
  };
  auto graph = build_route_diff_graph(before, desired);
  graph.title = "gw/marked";
  return graph;
}

/// Every set of graphs the tests render, by name.
std::vector<std::pair<std::string, std::vector<RouteGraph>>> all_cases() {
  const auto routing = example_routes("routing");
  const auto demo = example_routes("demo");
  std::vector<RouteGraph> titled;
  for (const auto& route : routing) {
    titled.push_back(build_route_graph(route.elements));
    titled.back().title = route.gateway_id + "/" + route.name;
  }
  std::sort(titled.begin(), titled.end(),
            [](const RouteGraph& a, const RouteGraph& b) { return a.title < b.title; });
  return {
      {"routing", titled},
      {"ab-test", {build_route_graph(route_named(routing, "ab-test").elements)}},
      {"tiered", {build_route_graph(route_named(routing, "tiered").elements)}},
      {"ab-test-change",
       {build_route_diff_graph(route_named(routing, "ab-test").elements,
                               route_named(demo, "ab-test").elements)}},
      {"marked", {marked_graph()}},
      {"hostile", {hostile_graph()}},
      {"empty", {}},
  };
}

std::string describe_problems(const std::vector<std::string>& problems, const std::string& text) {
  std::string out;
  for (const auto& p : problems) {
    out += p + "\n";
  }
  return out + "in:\n" + text;
}

TEST(RouteGraphGolden, ExampleRoutesAsMermaidAndDot) {
  for (const auto& [name, graphs] : all_cases()) {
    if (name != "ab-test" && name != "tiered" && name != "empty") {
      expect_golden(name + ".mmd", render_route_mermaid(graphs));
      expect_golden(name + ".dot", render_route_dot(graphs));
    }
  }
}

TEST(RouteGraphGolden, ExampleRoutesHaveEveryElementType) {
  std::set<std::string> types;
  for (const auto& route : example_routes("routing")) {
    for (const auto& element : route.elements) {
      types.insert(element.type);
    }
  }
  EXPECT_EQ(types,
            (std::set<std::string>{"start", "percentage", "conditional", "rate", "model", "end"}));
}

TEST(RouteGraphMermaid, EveryOutputIsWellFormed) {
  for (const auto& [name, graphs] : all_cases()) {
    const auto text = render_route_mermaid(graphs);
    const auto problems = test::check_mermaid(text);
    EXPECT_TRUE(problems.empty()) << name << ":\n" << describe_problems(problems, text);
  }
}

TEST(RouteGraphMermaid, TheCheckCatchesBrokenText) {
  EXPECT_FALSE(test::check_mermaid("flowchart TD\n  r0n0[\"a\"]\n  r0n0[\"b\"]\n").empty())
      << "a node defined twice";
  EXPECT_FALSE(test::check_mermaid("flowchart TD\n  r0n0[\"a\"]\n  r0n0 --> r0n1\n").empty())
      << "an edge to an undefined node";
  EXPECT_FALSE(test::check_mermaid("flowchart TD\n  r0n0[\"a\"b\"]\n").empty()) << "a raw quote";
  EXPECT_FALSE(test::check_mermaid("flowchart TD\n  r0n0[\"a;b\"]\n").empty()) << "a raw ;";
  EXPECT_FALSE(test::check_mermaid("flowchart TD\n  r0n0[\"a\")\n").empty()) << "brackets";
  EXPECT_FALSE(
      test::check_mermaid("flowchart TD\n  r0n0[\"a\"]\n  linkStyle 0 stroke:#000\n").empty())
      << "a style for no edge";
  EXPECT_FALSE(test::check_mermaid("flowchart TD\n  subgraph r0 [\"x\"]\n").empty()) << "no end";
  EXPECT_TRUE(test::check_mermaid("flowchart TD\n  r0n0([\"a\"])\n  r0n1{{\"b\"}}\n"
                                  "  r0n0 -->|\"60%\"| r0n1\n")
                  .empty());
}

/// The Mermaid blocks of a Markdown text.
std::vector<std::string> mermaid_blocks(const std::string& markdown) {
  std::vector<std::string> out;
  const std::string open = "```mermaid\n";
  for (auto at = markdown.find(open); at != std::string::npos; at = markdown.find(open, at)) {
    at += open.size();
    const auto close = markdown.find("```\n", at);
    out.push_back(markdown.substr(at, close - at));
  }
  return out;
}

TEST(RouteGraphMermaid, MarkdownPlanBlocksAreWellFormed) {
  const auto blocks = mermaid_blocks(render_plan_markdown(test::sample_plan()));
  EXPECT_EQ(blocks.size(), 4u) << "chat: desired and deployed; faq: desired and deployed";
  for (const auto& block : blocks) {
    const auto problems = test::check_mermaid(block);
    EXPECT_TRUE(problems.empty()) << describe_problems(problems, block);
  }
}

/// Graphviz's dot, found at configure time.
std::string dot_program() {
  return AIGW_DOT_PROGRAM;
}

TEST(RouteGraphDot, GraphvizRendersEveryOutputWithoutComplaint) {
  ASSERT_FALSE(dot_program().empty())
      << "Graphviz `dot` was not found when CMake ran: install graphviz (.ci/install-deps) and "
         "re-run cmake";
  for (const auto& [name, graphs] : all_cases()) {
    const auto text = render_route_dot(graphs);
    for (const std::string format : {"-Tsvg", "-Tpng"}) {
      test::ProcessOptions options;
      options.stdin_data = text;
      options.timeout = std::chrono::seconds(60);
      const auto result = test::run_process({dot_program(), format, "-o", "/dev/null"}, options);
      EXPECT_EQ(result.exit_code, 0) << name << " " << format << ": " << result.err << "\n" << text;
      EXPECT_EQ(result.err, "") << name << " " << format << "\n" << text;
    }
  }
}

TEST(RouteGraphDot, GraphvizKeepsHostileLabelsLiteral) {
  ASSERT_FALSE(dot_program().empty());
  test::ProcessOptions options;
  options.stdin_data = render_route_dot({hostile_graph()});
  const auto result = test::run_process({dot_program(), "-Tsvg"}, options);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // \N would print the node's name (r0n5); escaped, the text stays as written.
  EXPECT_NE(result.out.find("\\N \\G"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("&lt;v&gt;;"), std::string::npos);
  EXPECT_NE(result.out.find(">a&quot;b<"), std::string::npos);
  EXPECT_EQ(result.out.find(">r0n5</text>"), std::string::npos);
}

} // namespace
} // namespace aigw::render
