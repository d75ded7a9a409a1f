// The route graph model: node order, labels, marks against an older graph, and the
// escaping of each output format.

#include "render/route_graph.h"
#include "render/route_graph_dot.h"
#include "render/route_graph_mermaid.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace aigw::render {
namespace {

using model::Object;
using model::RouteElement;

Object to(const std::string& id) {
  return Object{{"elementId", id}};
}

RouteElement model_element(const std::string& id, const std::string& provider,
                           const std::string& model, Object outputs) {
  return {id, "model", {{"provider", provider}, {"model", model}}, std::move(outputs)};
}

/// examples/routing's ab-test: start -> split 80/20 -> two models -> end, and the
/// candidate falls back to the current model.
std::vector<RouteElement> ab_test(const std::string& current_share,
                                  const std::string& candidate_share) {
  return {
      {"start", "start", {}, {{"next", to("split")}}},
      {"split",
       "percentage",
       {},
       {{current_share, to("current")}, {candidate_share, to("candidate")}}},
      model_element("current", "openai", "gpt-4o-mini",
                    {{"success", to("end")}, {"fallback", to("end")}}),
      model_element("candidate", "anthropic", "claude-3-5-haiku-latest",
                    {{"success", to("end")}, {"fallback", to("current")}}),
      {"end", "end", {}, {}},
  };
}

std::vector<std::string> node_ids(const RouteGraph& graph) {
  std::vector<std::string> out;
  for (const auto& node : graph.nodes) {
    out.push_back(node.element_id);
  }
  return out;
}

/// "from -label-> to [mark]" for each edge, for readable expectations.
std::vector<std::string> edge_lines(const RouteGraph& graph) {
  static const char* marks[] = {"", " [added]", " [removed]", " [changed]"};
  std::vector<std::string> out;
  for (const auto& e : graph.edges) {
    out.push_back(graph.nodes[e.from].element_id + " -" + e.label + "-> " +
                  graph.nodes[e.to].element_id + marks[static_cast<int>(e.mark)]);
  }
  return out;
}

TEST(RouteGraph, BreadthFirstFromStartWithLabelledOutputs) {
  const auto graph = build_route_graph(ab_test("80%", "20%"));
  EXPECT_EQ(node_ids(graph),
            (std::vector<std::string>{"start", "split", "current", "candidate", "end"}));
  EXPECT_EQ(edge_lines(graph), (std::vector<std::string>{
                                   "start --> split",
                                   "split -80%-> current",
                                   "split -20%-> candidate",
                                   "current -success-> end",
                                   "current -fallback-> end",
                                   "candidate -success-> end",
                                   "candidate -fallback-> current",
                               }));
  EXPECT_EQ(graph.nodes[2].lines, (std::vector<std::string>{"current", "openai / gpt-4o-mini"}));
  EXPECT_EQ(graph.nodes[0].lines, std::vector<std::string>{"start"});
  EXPECT_FALSE(graph.has_marks());
}

TEST(RouteGraph, OrderDoesNotDependOnDeclarationOrder) {
  auto elements = ab_test("80%", "20%");
  const auto expected = build_route_graph(elements);
  std::reverse(elements.begin(), elements.end());
  const auto reversed = build_route_graph(elements);
  EXPECT_EQ(node_ids(reversed), node_ids(expected));
  EXPECT_EQ(edge_lines(reversed), edge_lines(expected));
  EXPECT_EQ(render_route_mermaid({reversed}), render_route_mermaid({expected}));
}

TEST(RouteGraph, OutputsInReadingOrder) {
  const std::vector<RouteElement> elements = {
      {"start", "start", {}, {{"next", to("is-pro")}}},
      {"is-pro",
       "conditional",
       {{"conditions", Object{{"metadata.plan", Object{{"$eq", "pro"}}}}}},
       {{"false", to("limit")}, {"true", to("split")}}},
      {"split", "percentage", {}, {{"else", to("end")}, {"5%", to("end")}, {"45%", to("limit")}}},
      {"limit",
       "rate",
       {{"key", "metadata.user"}, {"limit", 100}, {"limitType", "count"}, {"window", 3600}},
       {{"fallback", to("end")}, {"success", to("end")}}},
      {"end", "end", {}, {}},
  };
  const auto graph = build_route_graph(elements);
  EXPECT_EQ(edge_lines(graph), (std::vector<std::string>{
                                   "start --> is-pro",
                                   "is-pro -true-> split",
                                   "is-pro -false-> limit",
                                   "split -45%-> limit",
                                   "split -5%-> end",
                                   "split -else-> end",
                                   "limit -success-> end",
                                   "limit -fallback-> end",
                               }));
  EXPECT_EQ(graph.nodes[1].lines,
            (std::vector<std::string>{"is-pro", "{metadata.plan: {$eq: pro}}"}));
  EXPECT_EQ(graph.nodes[3].lines,
            (std::vector<std::string>{"limit", "100 count per 3600 s by metadata.user"}));
}

TEST(RouteGraph, ConditionsReadAsTheyAreWrittenInYaml) {
  const model::Array values = {"gold", "a b", 3, "true"};
  const std::vector<RouteElement> elements = {
      {"c",
       "conditional",
       {{"conditions", Object{{"metadata.tier", Object{{"$in", values}}}}}},
       {}}};
  EXPECT_EQ(build_route_graph(elements).nodes[0].lines[1],
            R"({metadata.tier: {$in: [gold, "a b", 3, "true"]}})");
}

TEST(RouteGraph, UnreachableElementsComeLastByIdAndDanglingTargetsShow) {
  const std::vector<RouteElement> elements = {
      {"zeta", "end", {}, {}},
      {"start", "start", {}, {{"next", to("ghost")}}},
      {"alpha", "model", {}, {{"success", to("zeta")}}},
  };
  const auto graph = build_route_graph(elements);
  EXPECT_EQ(node_ids(graph), (std::vector<std::string>{"start", "ghost", "alpha", "zeta"}));
  EXPECT_EQ(graph.nodes[1].type, "missing");
  EXPECT_EQ(graph.nodes[1].lines, (std::vector<std::string>{"ghost", "(no such element)"}));
}

TEST(RouteGraphDiff, SplitChangeMarksTheOutputsThatChanged) {
  const auto graph = build_route_diff_graph(ab_test("80%", "20%"), ab_test("60%", "40%"));
  EXPECT_TRUE(graph.has_marks());
  EXPECT_EQ(edge_lines(graph), (std::vector<std::string>{
                                   "start --> split",
                                   "split -60% (was 80%)-> current [changed]",
                                   "split -40% (was 20%)-> candidate [changed]",
                                   "current -success-> end",
                                   "current -fallback-> end",
                                   "candidate -success-> end",
                                   "candidate -fallback-> current",
                               }));
  for (const auto& node : graph.nodes) {
    EXPECT_EQ(node.mark, GraphMark::same) << node.element_id;
  }
}

TEST(RouteGraphDiff, AddedRemovedAndChangedElements) {
  const std::vector<RouteElement> before = {
      {"start", "start", {}, {{"next", to("primary")}}},
      model_element("primary", "openai", "gpt-4o",
                    {{"success", to("end")}, {"fallback", to("old")}}),
      model_element("old", "openai", "gpt-3.5-turbo", {{"success", to("end")}}),
      {"end", "end", {}, {}},
  };
  const std::vector<RouteElement> desired = {
      {"start", "start", {}, {{"next", to("primary")}}},
      model_element("primary", "openai", "gpt-4o-mini",
                    {{"success", to("end")}, {"fallback", to("new")}}),
      model_element("new", "anthropic", "claude-3-5-haiku-latest", {{"success", to("end")}}),
      {"end", "end", {}, {}},
  };
  const auto graph = build_route_diff_graph(before, desired);
  EXPECT_EQ(node_ids(graph), (std::vector<std::string>{"start", "primary", "end", "new", "old"}));
  EXPECT_EQ(graph.nodes[1].mark, GraphMark::changed);
  EXPECT_EQ(graph.nodes[1].lines,
            (std::vector<std::string>{"primary", "openai / gpt-4o-mini", "was: openai / gpt-4o"}));
  EXPECT_EQ(graph.nodes[3].mark, GraphMark::added);
  EXPECT_EQ(graph.nodes[4].mark, GraphMark::removed);
  EXPECT_EQ(graph.nodes[4].lines, (std::vector<std::string>{"old", "openai / gpt-3.5-turbo"}));
  EXPECT_EQ(edge_lines(graph), (std::vector<std::string>{
                                   "start --> primary",
                                   "primary -success-> end",
                                   "primary -fallback-> new [added]",
                                   "primary -fallback-> old [removed]",
                                   "new -success-> end [added]",
                                   "old -success-> end [removed]",
                               }));
}

TEST(RouteGraphDiff, ATypeChangeSaysWhatTheElementWas) {
  const std::vector<RouteElement> before = {{"start", "start", {}, {{"next", to("gate")}}},
                                            {"gate", "percentage", {}, {{"100%", to("end")}}},
                                            {"end", "end", {}, {}}};
  const std::vector<RouteElement> desired = {
      {"start", "start", {}, {{"next", to("gate")}}},
      {"gate", "rate", {{"limit", 5}}, {{"success", to("end")}}},
      {"end", "end", {}, {}}};
  const auto graph = build_route_diff_graph(before, desired);
  EXPECT_EQ(graph.nodes[1].mark, GraphMark::changed);
  EXPECT_EQ(graph.nodes[1].lines, (std::vector<std::string>{"gate", "5", "was: percentage"}));
  EXPECT_EQ(edge_lines(graph)[1], "gate -success (was 100%)-> end [changed]");
}

TEST(RouteGraphDiff, SameElementsMarkNothing) {
  EXPECT_FALSE(build_route_diff_graph(ab_test("80%", "20%"), ab_test("80%", "20%")).has_marks());
}

TEST(RouteGraph, LongLabelsAreCutAtACharacterBoundary) {
  const std::string model =
      std::string(52, 'm') + "\xC3\xA9\xC3\xA9\xC3\xA9"; // byte 57 inside an é
  const auto graph = build_route_graph({model_element("m", "p", model, {})});
  const auto& line = graph.nodes[0].lines[1];
  EXPECT_LE(line.size(), 60u);
  EXPECT_EQ(line.substr(line.size() - 3), "...");
  EXPECT_EQ(printable_label(line), line) << "still valid UTF-8";
}

TEST(PrintableLabel, ReplacesInvalidUtf8AndControlCharacters) {
  EXPECT_EQ(printable_label("plain mod\xC3\xA8le \xE2\x86\x92 ok"),
            "plain mod\xC3\xA8le \xE2\x86\x92 ok");
  EXPECT_EQ(printable_label("a\nb\tc\x7f"
                            "d"),
            "a b c d");
  EXPECT_EQ(printable_label("x\xC2\x85y"), "x y") << "C1 control";
  EXPECT_EQ(printable_label("bad\xFF"), "bad\xEF\xBF\xBD");
  EXPECT_EQ(printable_label("cut\xE2\x86"), "cut\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(printable_label("overlong\xC0\xAF"), "overlong\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(printable_label("surrogate\xED\xA0\x80").find("\xED\xA0"), std::string::npos);
}

TEST(EscapeMermaid, KeepsTextAndEncodesSyntax) {
  EXPECT_EQ(escape_mermaid("gpt-4o-mini (v2), 60%: ok!"), "gpt-4o-mini (v2), 60%: ok!");
  EXPECT_EQ(escape_mermaid(R"(a"b)"), "a#34;b");
  EXPECT_EQ(escape_mermaid("x;y#z"), "x#59;y#35;z");
  EXPECT_EQ(escape_mermaid("<b>|[]{}`"), "#60;b#62;#124;#91;#93;#123;#125;#96;");
  EXPECT_EQ(escape_mermaid("%%{init}%%"), "%#37;#123;init#125;%#37;");
  EXPECT_EQ(escape_mermaid("mod\xC3\xA8le\n"), "mod\xC3\xA8le ");
}

TEST(QuoteDot, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(quote_dot("plain"), "\"plain\"");
  EXPECT_EQ(quote_dot(R"(a"b)"), R"("a\"b")");
  EXPECT_EQ(quote_dot(R"(\N and \)"), R"("\\N and \\")");
  EXPECT_EQ(quote_dot("line\nbreak"), "\"line break\"");
  EXPECT_EQ(quote_dot("{<x>|y}"), "\"{<x>|y}\"");
}

TEST(RenderMermaid, NodeIdsAreGeneratedSoKeywordsCannotClash) {
  const std::vector<RouteElement> elements = {{"start", "start", {}, {{"next", to("end")}}},
                                              {"end", "end", {}, {}}};
  EXPECT_EQ(render_route_mermaid({build_route_graph(elements)}), "flowchart TD\n"
                                                                 "  r0n0([\"start\"])\n"
                                                                 "  r0n1([\"end\"])\n"
                                                                 "  r0n0 --> r0n1\n");
}

} // namespace
} // namespace aigw::render
