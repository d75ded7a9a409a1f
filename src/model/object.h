#pragma once
// Object: a JSON object's members in one array sorted by key. It reads like the
// std::map it replaces (find, at, emplace, insert_or_assign, erase, iteration in key
// order) but costs one allocation per object instead of one per member, and a lookup
// walks contiguous memory. Unlike a map, inserting or erasing a member moves the
// members after it: a reference to a member is valid only until the object changes.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aigw::model {

class Value;

class Object {
public:
  using key_type = std::string;
  using mapped_type = Value;
  using value_type = std::pair<std::string, Value>;
  using Members = std::vector<value_type>;
  using iterator = Members::iterator;
  using const_iterator = Members::const_iterator;
  using size_type = std::size_t;

  Object() = default;
  /// Like a map's: of repeated keys the first is kept.
  Object(std::initializer_list<value_type> members);
  /// Takes the members out of `members` (in any order) with one allocation; of repeated
  /// keys the last is kept, as a JSON parser does. `members` is left moved-from: clear it.
  [[nodiscard]] static Object take(std::vector<value_type>& members);

  [[nodiscard]] iterator begin() noexcept { return m_members.begin(); }
  [[nodiscard]] iterator end() noexcept { return m_members.end(); }
  [[nodiscard]] const_iterator begin() const noexcept { return m_members.begin(); }
  [[nodiscard]] const_iterator end() const noexcept { return m_members.end(); }
  [[nodiscard]] const_iterator cbegin() const noexcept { return m_members.cbegin(); }
  [[nodiscard]] const_iterator cend() const noexcept { return m_members.cend(); }
  [[nodiscard]] size_type size() const noexcept { return m_members.size(); }
  [[nodiscard]] bool empty() const noexcept { return m_members.empty(); }
  void clear() noexcept { m_members.clear(); }
  void reserve(size_type n) { m_members.reserve(n); }

  [[nodiscard]] iterator find(std::string_view key);
  [[nodiscard]] const_iterator find(std::string_view key) const;
  [[nodiscard]] bool contains(std::string_view key) const;
  [[nodiscard]] size_type count(std::string_view key) const { return contains(key) ? 1 : 0; }
  /// The member's value; throws std::out_of_range when absent.
  [[nodiscard]] Value& at(std::string_view key);
  [[nodiscard]] const Value& at(std::string_view key) const;
  /// The member's value, added as null when absent.
  Value& operator[](std::string_view key);

  /// Adds a member unless the key is there; returns where the key's member is and
  /// whether it was added.
  std::pair<iterator, bool> emplace(std::string key, Value value);
  std::pair<iterator, bool> try_emplace(std::string key);
  std::pair<iterator, bool> try_emplace(std::string key, Value value);
  std::pair<iterator, bool> insert(value_type member);
  /// Adds a member or replaces the value of the key's member.
  std::pair<iterator, bool> insert_or_assign(std::string key, Value value);

  size_type erase(std::string_view key);
  iterator erase(const_iterator position);

  friend bool operator==(const Object& a, const Object& b);

private:
  [[nodiscard]] iterator lower_bound(std::string_view key);
  [[nodiscard]] const_iterator lower_bound(std::string_view key) const;

  Members m_members;
};

} // namespace aigw::model
