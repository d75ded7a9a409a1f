#include "model/object.h"

#include "model/value.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

namespace aigw::model {

Object::Object(std::initializer_list<value_type> members) {
  m_members.reserve(members.size());
  for (const auto& member : members) {
    insert(member);
  }
}

Object Object::take(std::vector<value_type>& members) {
  const std::size_t n = members.size();
  // Sort the members' places, not the members (a member is costly to move): a stable
  // insertion sort for the usual small object, a stable n log n sort for a huge one.
  constexpr std::size_t k_small = 64;
  std::array<std::uint32_t, k_small> small{};
  std::vector<std::uint32_t> large;
  std::uint32_t* order = small.data();
  if (n > k_small) {
    large.resize(n);
    order = large.data();
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    order[i] = i;
  }
  const auto before = [&](std::uint32_t a, std::uint32_t b) {
    return members[a].first < members[b].first;
  };
  if (n > k_small) {
    std::stable_sort(order, order + n, before);
  } else {
    for (std::size_t i = 1; i < n; ++i) {
      const std::uint32_t moving = order[i];
      std::size_t hole = i;
      for (; hole > 0 && before(moving, order[hole - 1]); --hole) {
        order[hole] = order[hole - 1];
      }
      order[hole] = moving;
    }
  }
  Object out;
  out.m_members.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i + 1 < n && members[order[i + 1]].first == members[order[i]].first) {
      continue; // a later member has the same key: the last one counts
    }
    out.m_members.push_back(std::move(members[order[i]]));
  }
  return out;
}

Object::iterator Object::lower_bound(std::string_view key) {
  // Members arrive mostly in key order (JSON written with sorted keys, YAML files kept
  // sorted): check the end first.
  if (m_members.empty() || std::string_view(m_members.back().first) < key) {
    return m_members.end();
  }
  return std::lower_bound(m_members.begin(), m_members.end(), key,
                          [](const value_type& m, std::string_view k) { return m.first < k; });
}

Object::const_iterator Object::lower_bound(std::string_view key) const {
  return const_cast<Object*>(this)->lower_bound(key);
}

Object::iterator Object::find(std::string_view key) {
  auto it = lower_bound(key);
  return it != m_members.end() && it->first == key ? it : m_members.end();
}

Object::const_iterator Object::find(std::string_view key) const {
  return const_cast<Object*>(this)->find(key);
}

bool Object::contains(std::string_view key) const { return find(key) != m_members.end(); }

Value& Object::at(std::string_view key) {
  auto it = find(key);
  if (it == m_members.end()) {
    throw std::out_of_range("model::Object::at: no member " + std::string(key));
  }
  return it->second;
}

const Value& Object::at(std::string_view key) const {
  return const_cast<Object*>(this)->at(key);
}

Value& Object::operator[](std::string_view key) {
  auto it = lower_bound(key);
  if (it == m_members.end() || it->first != key) {
    it = m_members.emplace(it, std::string(key), Value());
  }
  return it->second;
}

std::pair<Object::iterator, bool> Object::emplace(std::string key, Value value) {
  auto it = lower_bound(key);
  if (it != m_members.end() && it->first == key) {
    return {it, false};
  }
  return {m_members.emplace(it, std::move(key), std::move(value)), true};
}

std::pair<Object::iterator, bool> Object::try_emplace(std::string key) {
  return emplace(std::move(key), Value());
}

std::pair<Object::iterator, bool> Object::try_emplace(std::string key, Value value) {
  return emplace(std::move(key), std::move(value));
}

std::pair<Object::iterator, bool> Object::insert(value_type member) {
  return emplace(std::move(member.first), std::move(member.second));
}

std::pair<Object::iterator, bool> Object::insert_or_assign(std::string key, Value value) {
  auto it = lower_bound(key);
  if (it != m_members.end() && it->first == key) {
    it->second = std::move(value);
    return {it, false};
  }
  return {m_members.emplace(it, std::move(key), std::move(value)), true};
}

Object::size_type Object::erase(std::string_view key) {
  auto it = find(key);
  if (it == m_members.end()) {
    return 0;
  }
  m_members.erase(it);
  return 1;
}

Object::iterator Object::erase(const_iterator position) { return m_members.erase(position); }

bool operator==(const Object& a, const Object& b) { return a.m_members == b.m_members; }

} // namespace aigw::model
