#pragma once
// A structural check of the Mermaid flowcharts aigw writes: the header, then only node,
// edge, subgraph/end, classDef, class and linkStyle lines; every node defined once; every
// edge's ends, class member and linkStyle index defined; labels quoted, with nothing in
// them that Mermaid would read as syntax.

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace aigw::test {

/// The problems of a label's text: raw quotes, statement or entity characters, brackets,
/// pipes, backticks, control characters, or "%%".
inline std::vector<std::string> mermaid_label_problems(std::string text) {
  std::vector<std::string> problems;
  text = std::regex_replace(text, std::regex("<br/>"), "\n");
  text = std::regex_replace(text, std::regex("#[0-9]+;"), "");
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      continue;
    }
    if (std::string_view("\"#;|<>[]{}`&\\$~^").find(c) != std::string_view::npos || byte < 0x20U ||
        byte == 0x7FU) {
      problems.push_back("label holds a raw '" + std::string(1, c) + "': " + text);
    }
  }
  if (text.find("%%") != std::string::npos) {
    problems.push_back("label holds %%: " + text);
  }
  return problems;
}

/// Every problem found in text; empty when it is a well-formed aigw flowchart.
inline std::vector<std::string> check_mermaid(const std::string& text) {
  static const std::regex node(
      R"re(^ +(r[0-9]+n[0-9]+)(\(\[|\{\{|\[/|\(|\{|\[)"([^"]*)"(\]\)|\}\}|/\]|\)|\}|\])$)re");
  static const std::regex edge(
      R"re(^ +(r[0-9]+n[0-9]+) (-->|==>|-\.->)(\|"([^"]*)"\|)? (r[0-9]+n[0-9]+)$)re");
  static const std::regex subgraph(R"re(^ +subgraph (r[0-9]+) \["([^"]*)"\]$)re");
  static const std::regex end(R"re(^ +end$)re");
  static const std::regex class_def(R"re(^ +classDef (added|removed|changed) [-a-z]+:[^"]+$)re");
  static const std::regex class_line(R"re(^ +class ([a-z0-9,]+) (added|removed|changed)$)re");
  static const std::regex link_style(R"re(^ +linkStyle ([0-9,]+) [-a-z]+:[^"]+$)re");
  static const std::vector<std::pair<std::string, std::string>> pairs = {
      {"([", "])"}, {"{{", "}}"}, {"[/", "/]"}, {"(", ")"}, {"{", "}"}, {"[", "]"}};

  std::vector<std::string> problems;
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != "flowchart TD") {
    problems.push_back("the first line is not `flowchart TD`: " + line);
  }
  std::set<std::string> nodes;
  std::vector<std::pair<std::string, std::string>> edges;
  std::vector<std::string> class_members;
  std::vector<std::size_t> styled_links;
  int open_subgraphs = 0;
  const auto add = [&](const std::vector<std::string>& found) {
    problems.insert(problems.end(), found.begin(), found.end());
  };
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, node)) {
      if (!nodes.insert(m[1]).second) {
        problems.push_back("node defined twice: " + m[1].str());
      }
      if (std::find(pairs.begin(), pairs.end(), std::make_pair(m[2].str(), m[4].str())) ==
          pairs.end()) {
        problems.push_back("mismatched brackets: " + line);
      }
      add(mermaid_label_problems(m[3]));
    } else if (std::regex_match(line, m, edge)) {
      edges.emplace_back(m[1], m[5]);
      add(mermaid_label_problems(m[4]));
    } else if (std::regex_match(line, m, subgraph)) {
      ++open_subgraphs;
      add(mermaid_label_problems(m[2]));
    } else if (std::regex_match(line, end)) {
      if (--open_subgraphs < 0) {
        problems.push_back("`end` without a subgraph");
      }
    } else if (std::regex_match(line, m, class_line)) {
      std::stringstream ids(m[1]);
      for (std::string id; std::getline(ids, id, ',');) {
        class_members.push_back(id);
      }
    } else if (std::regex_match(line, m, link_style)) {
      std::stringstream indices(m[1]);
      for (std::string index; std::getline(indices, index, ',');) {
        styled_links.push_back(std::stoul(index));
      }
    } else if (!std::regex_match(line, class_def)) {
      problems.push_back("unexpected line: " + line);
    }
  }
  if (open_subgraphs != 0) {
    problems.push_back("a subgraph is not closed");
  }
  for (const auto& [from, to] : edges) {
    for (const auto& id : {from, to}) {
      if (!nodes.contains(id)) {
        problems.push_back("edge " + from + " -> " + to + " names undefined node " + id);
      }
    }
  }
  for (const auto& id : class_members) {
    if (!nodes.contains(id)) {
      problems.push_back("class names undefined node " + id);
    }
  }
  for (const auto index : styled_links) {
    if (index >= edges.size()) {
      problems.push_back("linkStyle " + std::to_string(index) + " names no edge");
    }
  }
  return problems;
}

} // namespace aigw::test
