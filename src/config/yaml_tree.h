#pragma once
// yaml_tree: the documents of one YAML text as a compact tree, built from yaml-cpp's parser
// events (YAML::Parser with an EventHandler) instead of YAML::LoadAll's node graph. Same
// parser, same syntax errors, same marks, tags and alias sharing as YAML::Node, at a
// fraction of the memory (no shared_ptr per node, no per-node memory set) and time.
// YamlNode is a non-owning handle: the YamlDocuments it came from must outlive it.

#include <yaml-cpp/mark.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aigw::config {

/// One node of a YamlDocuments (owned by it).
struct YamlNodeData {
  enum class Type : std::uint8_t { null, scalar, sequence, map };
  Type type = Type::null;
  std::uint32_t count = 0;               ///< children; a map's are key, value, key, value, ...
  YAML::Mark mark = YAML::Mark::null_mark();
  const std::string *tag = nullptr;      ///< interned; nullptr for no tag ("")
  std::string scalar;
  const YamlNodeData *const *children = nullptr;
};

class YamlItem;

/// A node of a parsed document, or an undefined node (a missing key). Mirrors the part of
/// YAML::Node's interface that loading uses; an undefined node answers false/empty where
/// YAML::Node would throw.
class YamlNode {
public:
  /// A defined null node, like a default-constructed YAML::Node.
  YamlNode();
  explicit YamlNode(const YamlNodeData *data) : m_data(data) {}
  /// An undefined node: what a lookup of a missing key gives.
  static YamlNode undefined() { return YamlNode(nullptr); }

  [[nodiscard]] bool IsDefined() const { return m_data != nullptr; }
  [[nodiscard]] bool IsNull() const { return is(YamlNodeData::Type::null); }
  [[nodiscard]] bool IsScalar() const { return is(YamlNodeData::Type::scalar); }
  [[nodiscard]] bool IsSequence() const { return is(YamlNodeData::Type::sequence); }
  [[nodiscard]] bool IsMap() const { return is(YamlNodeData::Type::map); }
  /// The scalar's text; empty for any other node.
  [[nodiscard]] const std::string &Scalar() const;
  /// The tag as yaml-cpp resolves it: "?" untagged plain, "!" quoted, else the tag.
  [[nodiscard]] const std::string &Tag() const;
  [[nodiscard]] YAML::Mark Mark() const {
    return m_data != nullptr ? m_data->mark : YAML::Mark::null_mark();
  }
  /// Items of a sequence, pairs of a mapping, else 0.
  [[nodiscard]] std::size_t size() const;
  /// The value of a mapping's first scalar key equal to `key`; undefined when none.
  YamlNode operator[](std::string_view key) const;

  class iterator;
  [[nodiscard]] iterator begin() const;
  [[nodiscard]] iterator end() const;

private:
  [[nodiscard]] bool is(YamlNodeData::Type type) const {
    return m_data != nullptr && m_data->type == type;
  }
  const YamlNodeData *m_data;
};

/// What iterating a node gives: a sequence's item (the node itself, first/second
/// undefined), or a mapping's pair (first: key, second: value; the node itself undefined).
class YamlItem : public YamlNode {
public:
  YamlItem(YamlNode self, YamlNode key, YamlNode value)
      : YamlNode(self), first(key), second(value) {}
  YamlNode first;
  YamlNode second;
};

class YamlNode::iterator {
public:
  iterator(const YamlNodeData *node, std::size_t index) : m_node(node), m_index(index) {}
  YamlItem operator*() const;
  struct Arrow {
    YamlItem item;
    const YamlItem *operator->() const { return &item; }
  };
  Arrow operator->() const { return Arrow{**this}; }
  iterator &operator++() {
    m_index += m_node->type == YamlNodeData::Type::map ? 2 : 1;
    return *this;
  }
  bool operator==(const iterator &other) const { return m_index == other.m_index; }
  bool operator!=(const iterator &other) const { return m_index != other.m_index; }

private:
  const YamlNodeData *m_node;
  std::size_t m_index;
};

/// Every document of one text, in order; owns all their nodes.
class YamlDocuments {
public:
  YamlDocuments();
  ~YamlDocuments();
  YamlDocuments(YamlDocuments &&) noexcept;
  YamlDocuments &operator=(YamlDocuments &&) noexcept;

  [[nodiscard]] const std::vector<YamlNode> &roots() const { return m_roots; }

  /// Storage, for the builder.
  struct Storage;

private:
  friend YamlDocuments parse_yaml(const std::string &text);
  std::unique_ptr<Storage> m_storage;
  std::vector<YamlNode> m_roots;
};

/// Parses every document of text with yaml-cpp's parser. Throws what YAML::LoadAll throws
/// (YAML::ParserException with a mark) on invalid YAML.
YamlDocuments parse_yaml(const std::string &text);

} // namespace aigw::config
