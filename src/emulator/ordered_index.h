#pragma once
// OrderedIndex: items kept in insertion order (the API lists objects oldest first) with a hash
// index by id, so lookups, inserts and erases cost O(1) whatever the store's size. Pointers
// to items stay valid until the item is erased.

#include <cstddef>
#include <iterator>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace aigw::emulator {

template <class T> class OrderedIndex {
  struct Entry {
    std::string id;
    T value;
  };
  using List = std::list<Entry>;

  // Iterates the values (not the ids) in insertion order.
  template <class ListIterator, class Value> class Iterator {
  public:
    using iterator_category = std::bidirectional_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = Value*;
    using reference = Value&;
    Iterator() = default;
    explicit Iterator(ListIterator it) : m_it(it) {}
    reference operator*() const { return m_it->value; }
    pointer operator->() const { return &m_it->value; }
    Iterator& operator++() {
      ++m_it;
      return *this;
    }
    Iterator operator++(int) {
      Iterator copy = *this;
      ++m_it;
      return copy;
    }
    Iterator& operator--() {
      --m_it;
      return *this;
    }
    Iterator operator--(int) {
      Iterator copy = *this;
      --m_it;
      return copy;
    }
    bool operator==(const Iterator& other) const { return m_it == other.m_it; }
    /// The id of the item this iterator points at.
    [[nodiscard]] const std::string& id() const { return m_it->id; }

  private:
    ListIterator m_it{};
  };

public:
  using iterator = Iterator<typename List::iterator, T>;
  using const_iterator = Iterator<typename List::const_iterator, const T>;

  OrderedIndex() = default;
  OrderedIndex(const OrderedIndex& other) { *this = other; }
  OrderedIndex(OrderedIndex&&) noexcept = default;
  OrderedIndex& operator=(OrderedIndex&&) noexcept = default;
  ~OrderedIndex() = default;
  OrderedIndex& operator=(const OrderedIndex& other) {
    if (this != &other) {
      m_items.clear();
      m_index.clear();
      for (const auto& entry : other.m_items) {
        put(entry.id, entry.value);
      }
    }
    return *this;
  }

  /// The item with this id, or nullptr.
  T* find(const std::string& id) {
    const auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &it->second->value;
  }
  const T* find(const std::string& id) const {
    const auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &it->second->value;
  }
  /// Appends an item, or replaces the one with the same id where it stands.
  T& put(const std::string& id, T item) {
    if (T* existing = find(id)) {
      *existing = std::move(item);
      return *existing;
    }
    m_items.push_back(Entry{id, std::move(item)});
    m_index.emplace(id, std::prev(m_items.end()));
    return m_items.back().value;
  }
  /// Removes the item with this id; false when there is none.
  bool erase(const std::string& id) {
    const auto it = m_index.find(id);
    if (it == m_index.end()) {
      return false;
    }
    m_items.erase(it->second);
    m_index.erase(it);
    return true;
  }
  [[nodiscard]] std::size_t size() const { return m_items.size(); }
  [[nodiscard]] bool empty() const { return m_items.empty(); }
  iterator begin() { return iterator(m_items.begin()); }
  iterator end() { return iterator(m_items.end()); }
  const_iterator begin() const { return const_iterator(m_items.cbegin()); }
  const_iterator end() const { return const_iterator(m_items.cend()); }

private:
  List m_items;
  std::unordered_map<std::string, typename List::iterator> m_index;
};

} // namespace aigw::emulator
