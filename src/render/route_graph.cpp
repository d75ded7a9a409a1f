#include "render/route_graph.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <deque>
#include <map>
#include <set>
#include <tuple>

namespace aigw::render {
namespace {

using model::RouteElement;

/// Longest label line, in bytes; longer ones end in "...".
constexpr std::size_t k_max_line = 60;

/// One output of an element: its name and the id of the element it leads to.
struct Output {
  std::string name;
  std::string target;
};

/// Sort key of an output name: next, true, false, success, fallback, then percentage
/// shares from the largest, "else", then other names alphabetically.
std::tuple<int, double, std::string> output_rank(const std::string& name) {
  static constexpr std::array<std::string_view, 5> k_fixed = {"next", "true", "false", "success",
                                                              "fallback"};
  for (std::size_t i = 0; i < k_fixed.size(); ++i) {
    if (name == k_fixed[i]) {
      return {static_cast<int>(i), 0.0, {}};
    }
  }
  if (!name.empty() && name.back() == '%') {
    char* end = nullptr;
    const double share = std::strtod(name.c_str(), &end);
    if (end == name.c_str() + name.size() - 1) {
      return {10, -share, name};
    }
  }
  return {name == "else" ? 11 : 12, 0.0, name};
}

std::vector<Output> outputs_of(const RouteElement& element) {
  std::vector<Output> out;
  for (const auto& [name, value] : element.outputs) {
    const auto* target = value.find("elementId");
    if (target != nullptr && target->is_string()) {
      out.push_back({name, target->as_string()});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Output& a, const Output& b) {
    return output_rank(a.name) < output_rank(b.name);
  });
  return out;
}

/// Cuts text to k_max_line bytes at a UTF-8 character boundary.
std::string shorten(std::string text) {
  if (text.size() <= k_max_line) {
    return text;
  }
  std::size_t cut = k_max_line - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
    --cut;
  }
  return text.substr(0, cut) + "...";
}

/// True for a string that reads unambiguously without quotes: `metadata.plan`, `$eq`, `pro`.
bool is_plain_word(const std::string& text) {
  if (text.empty() || text == "true" || text == "false" || text == "null" ||
      std::isdigit(static_cast<unsigned char>(text.front())) != 0) {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-' ||
           c == '$';
  });
}

/// A value as compact YAML-like flow text, the way a route is written in the YAML:
/// `{metadata.plan: {$eq: pro}}`. Strings that could be misread keep JSON quotes.
std::string flow_text(const model::Value& value) {
  if (value.is_string()) {
    return is_plain_word(value.as_string()) ? value.as_string() : value.to_json();
  }
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value.as_array()) {
      out += (out.empty() ? "" : ", ") + flow_text(item);
    }
    return "[" + out + "]";
  }
  if (value.is_object()) {
    std::string out;
    for (const auto& [key, item] : value.as_object()) {
      out += (out.empty() ? "" : ", ") + flow_text(model::Value(key)) + ": " + flow_text(item);
    }
    return "{" + out + "}";
  }
  return value.to_json();
}

/// A property as display text: a string as it is, anything else as flow text.
std::string property(const model::Object& properties, const std::string& name) {
  const auto it = properties.find(name);
  if (it == properties.end()) {
    return {};
  }
  return it->second.is_string() ? it->second.as_string() : flow_text(it->second);
}

/// What an element does, in one line; empty when its type says it all.
std::string describe(const RouteElement& element) {
  const auto& p = element.properties;
  if (element.type == "model") {
    const auto provider = property(p, "provider");
    const auto model = property(p, "model");
    return shorten(provider.empty() || model.empty() ? provider + model : provider + " / " + model);
  }
  if (element.type == "rate") {
    std::string out = property(p, "limit");
    if (const auto kind = property(p, "limitType"); !kind.empty()) {
      out += (out.empty() ? "" : " ") + kind;
    }
    if (const auto window = property(p, "window"); !window.empty()) {
      out += (out.empty() ? "per " : " per ") + window + " s";
    }
    if (const auto key = property(p, "key"); !key.empty()) {
      out += (out.empty() ? "by " : " by ") + key;
    }
    return shorten(out);
  }
  if (element.type == "conditional") {
    return shorten(property(p, "conditions"));
  }
  if (element.type == "start" || element.type == "end" || element.type == "percentage") {
    return {};
  }
  return shorten(element.type);
}

/// Builds the union graph of before and desired, breadth-first from start.
class GraphBuilder {
public:
  GraphBuilder(const std::vector<RouteElement>& before, const std::vector<RouteElement>& desired) {
    for (const auto& e : before) {
      m_before.emplace(e.id, &e);
    }
    for (const auto& e : desired) {
      m_desired.emplace(e.id, &e);
    }
  }

  RouteGraph build() && {
    std::set<std::string> ids;
    for (const auto* elements : {&m_desired, &m_before}) {
      for (const auto& [id, element] : *elements) {
        ids.insert(id);
      }
    }
    if (const auto start = start_id(); !start.empty()) {
      node_for(start);
    }
    drain();
    for (const auto& id : ids) {
      node_for(id);
      drain();
    }
    return std::move(m_graph);
  }

private:
  [[nodiscard]] std::string start_id() const {
    for (const auto* elements : {&m_desired, &m_before}) {
      for (const auto& [id, element] : *elements) {
        if (element->type == "start") {
          return id;
        }
      }
    }
    return {};
  }

  [[nodiscard]] static const RouteElement*
  find(const std::map<std::string, const RouteElement*>& in, const std::string& id) {
    const auto it = in.find(id);
    return it == in.end() ? nullptr : it->second;
  }

  /// The index of id's node, made (and queued for its outputs) on first sight.
  std::size_t node_for(const std::string& id) {
    if (const auto it = m_index.find(id); it != m_index.end()) {
      return it->second;
    }
    const auto* now = find(m_desired, id);
    const auto* was = find(m_before, id);
    GraphNode node;
    node.element_id = id;
    node.lines.push_back(shorten(id));
    if (now == nullptr && was == nullptr) {
      node.type = "missing";
      node.lines.emplace_back("(no such element)");
    } else {
      const auto& shown = now != nullptr ? *now : *was;
      node.type = shown.type;
      if (auto line = describe(shown); !line.empty()) {
        node.lines.push_back(std::move(line));
      }
      if (now == nullptr) {
        node.mark = GraphMark::removed;
      } else if (was == nullptr) {
        node.mark = GraphMark::added;
      } else if (now->type != was->type || now->properties != was->properties) {
        node.mark = GraphMark::changed;
        auto before = describe(*was);
        if (now->type != was->type) {
          before = was->type + (before.empty() || before == was->type ? "" : ": " + before);
        }
        if (before != describe(*now) || now->type != was->type) {
          node.lines.push_back(shorten("was: " + before));
        }
      }
    }
    m_graph.nodes.push_back(std::move(node));
    m_index.emplace(id, m_graph.nodes.size() - 1);
    m_queue.push_back(id);
    return m_graph.nodes.size() - 1;
  }

  void drain() {
    while (!m_queue.empty()) {
      const std::string id = m_queue.front();
      m_queue.pop_front();
      add_edges(id);
    }
  }

  /// An edge to be: its sort name, target, label and mark.
  struct PendingEdge {
    std::string name;
    std::string target;
    std::string label;
    GraphMark mark;
  };

  void add_edges(const std::string& id) {
    const auto* now = find(m_desired, id);
    const auto* was = find(m_before, id);
    auto fresh = now != nullptr ? outputs_of(*now) : std::vector<Output>{};
    auto old = was != nullptr ? outputs_of(*was) : std::vector<Output>{};
    std::vector<PendingEdge> edges;
    // Same name, same target: unchanged.
    for (auto it = fresh.begin(); it != fresh.end();) {
      const auto match = std::find_if(old.begin(), old.end(), [&](const Output& o) {
        return o.name == it->name && o.target == it->target;
      });
      if (match == old.end()) {
        ++it;
        continue;
      }
      edges.push_back({it->name, it->target, it->name, GraphMark::same});
      old.erase(match);
      it = fresh.erase(it);
    }
    // Same target under another name: changed.
    for (auto it = fresh.begin(); it != fresh.end();) {
      const auto match = std::find_if(old.begin(), old.end(),
                                      [&](const Output& o) { return o.target == it->target; });
      if (match == old.end()) {
        ++it;
        continue;
      }
      edges.push_back(
          {it->name, it->target, it->name + " (was " + match->name + ")", GraphMark::changed});
      old.erase(match);
      it = fresh.erase(it);
    }
    for (auto& o : fresh) {
      edges.push_back({o.name, o.target, o.name, GraphMark::added});
    }
    for (auto& o : old) {
      edges.push_back({o.name, o.target, o.name, GraphMark::removed});
    }
    std::stable_sort(edges.begin(), edges.end(), [](const PendingEdge& a, const PendingEdge& b) {
      return std::make_tuple(output_rank(a.name), a.mark == GraphMark::removed) <
             std::make_tuple(output_rank(b.name), b.mark == GraphMark::removed);
    });
    const std::size_t from = m_index.at(id);
    // A start has one output; its name says nothing.
    const bool is_start = m_graph.nodes[from].type == "start";
    for (auto& e : edges) {
      const bool only_output = is_start && e.label == "next";
      const std::size_t to = node_for(e.target);
      m_graph.edges.push_back({from, to, only_output ? std::string() : std::move(e.label), e.mark});
    }
  }

  std::map<std::string, const RouteElement*> m_before;
  std::map<std::string, const RouteElement*> m_desired;
  std::map<std::string, std::size_t> m_index;
  std::deque<std::string> m_queue;
  RouteGraph m_graph;
};

/// Length of the UTF-8 sequence starting with lead, or 0 when lead cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80U) {
    return 1;
  }
  if (lead >= 0xC2U && lead <= 0xDFU) {
    return 2;
  }
  if (lead >= 0xE0U && lead <= 0xEFU) {
    return 3;
  }
  if (lead >= 0xF0U && lead <= 0xF4U) {
    return 4;
  }
  return 0;
}

/// True when the n bytes at text[i] are one well-formed UTF-8 character (no overlongs,
/// no surrogates, nothing past U+10FFFF).
bool well_formed(std::string_view text, std::size_t i, std::size_t n) {
  if (n == 0 || i + n > text.size()) {
    return false;
  }
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(k) & 0xC0U) != 0x80U) {
      return false;
    }
  }
  if (n == 3) {
    return !(byte(0) == 0xE0U && byte(1) < 0xA0U) && !(byte(0) == 0xEDU && byte(1) >= 0xA0U);
  }
  if (n == 4) {
    return !(byte(0) == 0xF0U && byte(1) < 0x90U) && !(byte(0) == 0xF4U && byte(1) >= 0x90U);
  }
  return true;
}

} // namespace

bool RouteGraph::has_marks() const {
  const auto marked = [](const auto& item) { return item.mark != GraphMark::same; };
  return std::any_of(nodes.begin(), nodes.end(), marked) ||
         std::any_of(edges.begin(), edges.end(), marked);
}

RouteGraph build_route_graph(const std::vector<model::RouteElement>& elements) {
  return GraphBuilder(elements, elements).build();
}

RouteGraph build_route_diff_graph(const std::vector<model::RouteElement>& before,
                                  const std::vector<model::RouteElement>& desired) {
  return GraphBuilder(before, desired).build();
}

std::string printable_label(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t n = sequence_length(lead);
    if (!well_formed(text, i, n)) {
      out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
      ++i;
      continue;
    }
    const bool c1_control =
        n == 2 && lead == 0xC2U && static_cast<unsigned char>(text[i + 1]) < 0xA0U;
    if ((n == 1 && (lead < 0x20U || lead == 0x7FU)) || c1_control) {
      out += ' ';
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

} // namespace aigw::render
