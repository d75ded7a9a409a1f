#include "config/route_elements.h"

#include "config/shape.h"
#include "config/suggest.h"
#include "model/route_element_spec.h"

#include <array>
#include <cmath>
#include <map>
#include <regex>
#include <set>

namespace aigw::config {
namespace {

constexpr std::array<std::string_view, 4> k_element_keys = {"id", "type", "properties", "outputs"};
constexpr std::array<std::string_view, 3> k_element_required = {"id", "type", "outputs"};
constexpr int k_max_percentage_outputs = 5;
const model::FieldSpec k_element_id{.type = model::FieldType::string, .min = 1};

/// One output of an element: its name, its target id and where the target is written.
struct Output {
  std::string name;
  std::string target;
  YamlNode node;
};

struct ParsedElement {
  model::RouteElement element;
  YamlNode node;
  std::vector<Output> outputs;
};

std::string quoted(const std::string &s) {
  return "'" + s + "'";
}

// Percentage outputs are named "N%" (0 < N <= 100) or "else"; at most 5 shares, totalling
// 100, or less with an "else" taking the rest (AI Gateway JSON configuration docs).
bool check_percentages(NodeReader &reader, const ParsedElement &parsed,
                       const YamlNode &outputs_node) {
  static const std::regex share(R"(([0-9]+(\.[0-9]+)?)%)");
  double total = 0;
  int shares = 0;
  bool has_else = false;
  bool ok = true;
  for (const auto &out : parsed.outputs) {
    std::smatch m;
    if (out.name == "else") {
      has_else = true;
    } else if (std::regex_match(out.name, m, share) && std::stod(m[1].str()) > 0 &&
               std::stod(m[1].str()) <= 100) {
      total += std::stod(m[1].str());
      ++shares;
    } else {
      reader.error(out.node, "output " + quoted(out.name) + " of percentage element " +
                                 quoted(parsed.element.id) +
                                 " must be a share like '30%' (0 < share <= 100) or 'else'");
      ok = false;
    }
  }
  if (!ok) {
    return false;
  }
  if (shares == 0 || shares > k_max_percentage_outputs) {
    reader.error(outputs_node, "percentage element " + quoted(parsed.element.id) +
                                   " must have 1 to 5 share outputs, got " +
                                   std::to_string(shares));
    return false;
  }
  if (total > 100.0 + 1e-9) {
    reader.error(outputs_node, "shares of percentage element " + quoted(parsed.element.id) +
                                   " add up to more than 100%");
    return false;
  }
  if (total < 100.0 - 1e-9 && !has_else) {
    reader.error(outputs_node, "shares of percentage element " + quoted(parsed.element.id) +
                                   " add up to less than 100%; add an 'else' output");
    return false;
  }
  return true;
}

bool check_output_names(NodeReader &reader, const ParsedElement &parsed,
                        const YamlNode &outputs_node, const std::vector<Entry> &entries) {
  const std::string &type = parsed.element.type;
  if (type == "percentage") {
    return check_percentages(reader, parsed, outputs_node);
  }
  if (type == "end") {
    if (!entries.empty()) {
      reader.error(outputs_node, "an 'end' element has no outputs: write 'outputs: {}'");
      return false;
    }
    return true;
  }
  std::vector<std::string_view> names;
  std::vector<std::string_view> required;
  for (const auto &output : model::find_route_element(type)->outputs) {
    names.push_back(output.name);
    if (output.required) {
      required.push_back(output.name);
    }
  }
  const std::string where = "the outputs of " + type + " element " + quoted(parsed.element.id);
  bool ok = reader.check_required(outputs_node, entries, required, where);
  for (const auto &e : entries) {
    ok = reader.check_known(e, names, where) && ok;
  }
  return ok;
}

std::optional<ParsedElement> read_element(NodeReader &reader, const YamlNode &node,
                                          const std::string &path) {
  auto entries = reader.mapping(node, path);
  if (!entries) {
    return std::nullopt;
  }
  ParsedElement parsed;
  parsed.node = node;
  bool ok = reader.check_required(node, *entries, k_element_required, "route element");
  const Entry *properties = nullptr;
  const Entry *outputs = nullptr;
  for (const auto &e : *entries) {
    if (!reader.check_known(e, k_element_keys, "route element")) {
      ok = false;
    } else if (e.key == "id") {
      auto id = check_shape(reader, e.value, k_element_id, path + ".id");
      ok = ok && id.has_value();
      parsed.element.id = id ? id->as_string() : std::string();
    } else if (e.key == "type") {
      model::FieldSpec types{.type = model::FieldType::enumeration};
      types.enum_values.assign(model::route_element_types().begin(),
                               model::route_element_types().end());
      auto type = check_shape(reader, e.value, types, path + ".type");
      ok = ok && type.has_value();
      parsed.element.type = type ? type->as_string() : std::string();
    } else if (e.key == "properties") {
      properties = &e;
    } else {
      outputs = &e;
    }
  }
  if (!ok) {
    return std::nullopt;
  }
  const auto &shape = model::find_route_element(parsed.element.type)->properties;
  const std::string label = parsed.element.type + " element " + quoted(parsed.element.id);
  if (properties != nullptr && !shape) {
    reader.error(properties->key_node, "a " + label + " takes no 'properties'");
    ok = false;
  } else if (properties != nullptr) {
    auto v = check_shape(reader, properties->value, *shape, path + ".properties");
    ok = ok && v.has_value();
    if (v) {
      parsed.element.properties = v->as_object();
    }
  } else if (shape && model::find_route_element(parsed.element.type)->properties_required) {
    reader.error(node, "missing required key 'properties' in " + label);
    ok = false;
  }
  auto output_entries = reader.mapping(outputs->value, path + ".outputs");
  if (!output_entries) {
    return std::nullopt;
  }
  model::FieldSpec target{.type = model::FieldType::object};
  target.members.push_back(
      model::FieldSpec{.name = "elementId", .type = model::FieldType::string, .min = 1,
                       .required = true});
  for (const auto &e : *output_entries) {
    auto v = check_shape(reader, e.value, target, path + ".outputs." + e.key);
    if (!v) {
      ok = false;
      continue;
    }
    parsed.element.outputs.emplace(e.key, *v);
    parsed.outputs.push_back({e.key, v->find("elementId")->as_string(), e.value["elementId"]});
  }
  ok = check_output_names(reader, parsed, outputs->value, *output_entries) && ok;
  return ok ? std::optional<ParsedElement>(std::move(parsed)) : std::nullopt;
}

bool check_graph(NodeReader &reader, const YamlNode &list, const std::string &route,
                 const std::vector<ParsedElement> &elements) {
  bool ok = true;
  std::map<std::string, const ParsedElement *> by_id;
  const ParsedElement *start = nullptr;
  for (const auto &p : elements) {
    if (auto [it, inserted] = by_id.emplace(p.element.id, &p); !inserted) {
      reader.error(p.node, "duplicate element id " + quoted(p.element.id) + " in route " +
                               quoted(route) + " (first at line " +
                               std::to_string(it->second->node.Mark().line + 1) + ")");
      ok = false;
    }
    if (p.element.type == "start") {
      if (start != nullptr) {
        reader.error(p.node, "route " + quoted(route) + " has more than one 'start' element (" +
                                 quoted(start->element.id) + " at line " +
                                 std::to_string(start->node.Mark().line + 1) + ")");
        ok = false;
      } else {
        start = &p;
      }
    }
  }
  if (start == nullptr) {
    reader.error(list, "route " + quoted(route) + " has no 'start' element");
    return false;
  }
  std::vector<std::string_view> ids;
  for (const auto &[id, p] : by_id) {
    ids.push_back(id);
  }
  for (const auto &p : elements) {
    for (const auto &out : p.outputs) {
      if (by_id.count(out.target) == 0) {
        std::string message = "output " + quoted(out.name) + " of element " + quoted(p.element.id) +
                              " points to unknown element " + quoted(out.target);
        if (const auto guess = nearest(out.target, ids); !guess.empty()) {
          message += " (did you mean '" + guess + "'?)";
        }
        reader.error(out.node, std::move(message));
        ok = false;
      }
    }
  }
  if (!ok) {
    return false;
  }
  // Breadth-first walk from start; bounded by the number of elements.
  std::set<std::string> reached{start->element.id};
  std::vector<const ParsedElement *> queue{start};
  bool end_reached = false;
  for (std::size_t i = 0; i < queue.size(); ++i) {
    end_reached = end_reached || queue[i]->element.type == "end";
    for (const auto &out : queue[i]->outputs) {
      if (reached.insert(out.target).second) {
        queue.push_back(by_id.at(out.target));
      }
    }
  }
  for (const auto &p : elements) {
    if (reached.count(p.element.id) == 0) {
      reader.error(p.node, "element " + quoted(p.element.id) + " of route " + quoted(route) +
                               " is not reachable from 'start'");
      ok = false;
    }
  }
  if (!end_reached) {
    reader.error(list, "route " + quoted(route) + " has no 'end' element reachable from 'start'");
    ok = false;
  }
  return ok;
}

} // namespace

std::optional<std::vector<model::RouteElement>>
read_route_elements(NodeReader &reader, const YamlNode &node, const std::string &route) {
  if (node.IsSequence() && node.size() == 0) {
    reader.error(node, "'elements' is empty: a route needs at least a 'start' and an 'end' "
                       "element");
    return std::nullopt;
  }
  if (!node.IsSequence()) {
    reader.type_error(node, "elements", "a non-empty list of route elements");
    return std::nullopt;
  }
  std::vector<ParsedElement> parsed;
  bool ok = true;
  std::size_t index = 0;
  for (const auto &item : node) {
    auto element = read_element(reader, item, "elements[" + std::to_string(index++) + "]");
    ok = ok && element.has_value();
    if (element) {
      parsed.push_back(std::move(*element));
    }
  }
  if (!ok || !check_graph(reader, node, route, parsed)) {
    return std::nullopt;
  }
  std::vector<model::RouteElement> out;
  out.reserve(parsed.size());
  for (auto &p : parsed) {
    out.push_back(std::move(p.element));
  }
  return out;
}

} // namespace aigw::config
