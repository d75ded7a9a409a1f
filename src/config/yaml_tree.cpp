#include "config/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <set>
#include <streambuf>

namespace aigw::config {

namespace {

const YamlNodeData k_null_node{};
const std::string k_empty;

/// Reads a string in place (std::stringstream would copy it).
class StringViewBuffer : public std::streambuf {
public:
  explicit StringViewBuffer(const std::string &text) {
    char *begin = const_cast<char *>(text.data()); // read only: no put area is set
    setg(begin, begin, begin + text.size());
  }
};

} // namespace

struct YamlDocuments::Storage {
  /// Nodes, in blocks that never move once made; a block is 64 nodes, then twice the
  /// previous one up to 4096 (std::deque's blocks hold 7: one allocation per 7 nodes).
  std::vector<std::unique_ptr<YamlNodeData[]>> node_blocks;
  std::size_t node_used = 0;
  std::size_t node_block_size = 0;
  std::vector<std::unique_ptr<const YamlNodeData *[]>> blocks;
  std::size_t block_used = 0;
  std::size_t block_size = 0;
  std::set<std::string, std::less<>> tags;

  static constexpr std::size_t k_block = 4096;

  /// A new default node.
  YamlNodeData &new_node() {
    if (node_used == node_block_size) {
      node_block_size = node_blocks.empty() ? 64 : std::min<std::size_t>(node_block_size * 2, 4096);
      node_blocks.push_back(std::make_unique<YamlNodeData[]>(node_block_size));
      node_used = 0;
    }
    return node_blocks.back()[node_used++];
  }

  /// Room for n child pointers, carved from the current block (or a block of its own).
  const YamlNodeData **children(std::size_t n) {
    if (n > k_block / 4) {
      blocks.push_back(std::make_unique<const YamlNodeData *[]>(n));
      auto *own = blocks.back().get();
      // Keep carving from the previous block: swap the big one behind it.
      if (blocks.size() > 1) {
        std::swap(blocks[blocks.size() - 1], blocks[blocks.size() - 2]);
      }
      return own;
    }
    if (blocks.empty() || block_used + n > block_size) {
      blocks.push_back(std::make_unique<const YamlNodeData *[]>(k_block));
      block_used = 0;
      block_size = k_block;
    }
    auto *out = blocks.back().get() + block_used;
    block_used += n;
    return out;
  }

  const std::string *intern(const std::string &tag) {
    if (tag.empty()) {
      return nullptr;
    }
    return &*tags.insert(tag).first;
  }
};

namespace {

/// Builds nodes from parser events as yaml-cpp's own NodeBuilder does (same marks, tags,
/// anchors and aliases), into compact storage.
class TreeBuilder : public YAML::EventHandler {
public:
  explicit TreeBuilder(YamlDocuments::Storage &storage) : m_storage(storage) {}

  /// The document's root; a null node when the document had none.
  [[nodiscard]] YamlNode root() const { return m_root ? YamlNode(m_root) : YamlNode(); }

  void OnDocumentStart(const YAML::Mark &) override {
    m_root = nullptr;
    m_depth = 0;
    m_anchors.clear();
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    add(make(YamlNodeData::Type::null, mark, k_empty, anchor));
  }
  void OnAlias(const YAML::Mark &, YAML::anchor_t anchor) override {
    add(anchor < m_anchors.size() && m_anchors[anchor] != nullptr ? m_anchors[anchor] : &k_null_node);
  }
  void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                const std::string &value) override {
    YamlNodeData *node = make(YamlNodeData::Type::scalar, mark, tag, anchor);
    node->scalar = value;
    add(node);
  }
  void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(make(YamlNodeData::Type::sequence, mark, tag, anchor));
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(make(YamlNodeData::Type::map, mark, tag, anchor));
  }
  void OnMapEnd() override { close(); }

private:
  struct Open {
    YamlNodeData *node = nullptr;
    std::vector<const YamlNodeData *> children; // kept between uses for its capacity
  };

  YamlNodeData *make(YamlNodeData::Type type, const YAML::Mark &mark, const std::string &tag,
                     YAML::anchor_t anchor) {
    YamlNodeData &node = m_storage.new_node();
    node.type = type;
    node.mark = mark;
    node.tag = m_storage.intern(tag);
    if (anchor != YAML::NullAnchor) {
      if (m_anchors.size() <= anchor) {
        m_anchors.resize(anchor + 1, nullptr);
      }
      m_anchors[anchor] = &node;
    }
    return &node;
  }

  void add(const YamlNodeData *node) {
    if (m_depth == 0) {
      m_root = node;
    } else {
      m_open[m_depth - 1].children.push_back(node);
    }
  }

  void open(YamlNodeData *node) {
    add(node);
    if (m_open.size() == m_depth) {
      m_open.emplace_back();
    }
    m_open[m_depth].node = node;
    m_open[m_depth].children.clear();
    ++m_depth;
  }

  void close() {
    if (m_depth == 0) {
      return;
    }
    Open &top = m_open[--m_depth];
    const std::size_t n = top.children.size();
    if (n != 0) {
      const YamlNodeData **children = m_storage.children(n);
      std::copy(top.children.begin(), top.children.end(), children);
      top.node->children = children;
    }
    top.node->count = static_cast<std::uint32_t>(n);
  }

  YamlDocuments::Storage &m_storage;
  const YamlNodeData *m_root = nullptr;
  std::vector<Open> m_open;
  std::size_t m_depth = 0;
  std::vector<const YamlNodeData *> m_anchors;
};

} // namespace

YamlNode::YamlNode() : m_data(&k_null_node) {}

const std::string &YamlNode::Scalar() const {
  return m_data != nullptr ? m_data->scalar : k_empty;
}

const std::string &YamlNode::Tag() const {
  return m_data != nullptr && m_data->tag != nullptr ? *m_data->tag : k_empty;
}

std::size_t YamlNode::size() const {
  if (m_data == nullptr) {
    return 0;
  }
  return m_data->type == YamlNodeData::Type::map ? m_data->count / 2 : m_data->count;
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (IsMap()) {
    for (std::uint32_t i = 0; i + 1 < m_data->count; i += 2) {
      const YamlNodeData *k = m_data->children[i];
      if (k->type == YamlNodeData::Type::scalar && k->scalar == key) {
        return YamlNode(m_data->children[i + 1]);
      }
    }
  }
  return undefined();
}

YamlNode::iterator YamlNode::begin() const {
  return iterator(m_data, 0);
}

YamlNode::iterator YamlNode::end() const {
  const bool collection = IsMap() || IsSequence();
  return iterator(m_data, collection ? m_data->count : 0);
}

YamlItem YamlNode::iterator::operator*() const {
  if (m_node->type == YamlNodeData::Type::map) {
    return YamlItem(YamlNode::undefined(), YamlNode(m_node->children[m_index]),
                    YamlNode(m_node->children[m_index + 1]));
  }
  return YamlItem(YamlNode(m_node->children[m_index]), YamlNode::undefined(),
                  YamlNode::undefined());
}

YamlDocuments::YamlDocuments() = default;
YamlDocuments::~YamlDocuments() = default;
YamlDocuments::YamlDocuments(YamlDocuments &&) noexcept = default;
YamlDocuments &YamlDocuments::operator=(YamlDocuments &&) noexcept = default;

YamlDocuments parse_yaml(const std::string &text) {
  StringViewBuffer buffer(text);
  std::istream in(&buffer);
  YAML::Parser parser(in);
  YamlDocuments documents;
  documents.m_storage = std::make_unique<YamlDocuments::Storage>();
  for (;;) {
    TreeBuilder builder(*documents.m_storage); // one per document, as YAML::LoadAll does
    if (!parser.HandleNextDocument(builder)) {
      break;
    }
    documents.m_roots.push_back(builder.root());
  }
  return documents;
}

} // namespace aigw::config
