#include "config/source_differences.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace aigw::config {
namespace {

using Unmatched = std::vector<const model::SourceFile*>;

/// How many trailing path components two paths share: "c/teams/a.yaml" and
/// "/ci/c/teams/a.yaml" share 3, so they are the same file under another root.
std::size_t common_tail(const std::string& a, const std::string& b) {
  const std::filesystem::path pa = std::filesystem::path(a).lexically_normal();
  const std::filesystem::path pb = std::filesystem::path(b).lexically_normal();
  std::vector<std::string> ca;
  std::vector<std::string> cb;
  for (const auto& part : pa) {
    ca.push_back(part.string());
  }
  for (const auto& part : pb) {
    cb.push_back(part.string());
  }
  std::size_t n = 0;
  while (n < ca.size() && n < cb.size() && ca[ca.size() - 1 - n] == cb[cb.size() - 1 - n] &&
         !ca[ca.size() - 1 - n].empty() && ca[ca.size() - 1 - n] != "/") {
    ++n;
  }
  return n;
}

/// Removes and returns the pairs `match` accepts, planned files in order, each paired with
/// the first file read now that it accepts.
template <class Match>
std::vector<std::pair<const model::SourceFile*, const model::SourceFile*>>
take_pairs(Unmatched& planned, Unmatched& now, Match match) {
  std::vector<std::pair<const model::SourceFile*, const model::SourceFile*>> pairs;
  for (auto p = planned.begin(); p != planned.end();) {
    const auto n = std::find_if(now.begin(), now.end(),
                                [&](const model::SourceFile* file) { return match(**p, *file); });
    if (n == now.end()) {
      ++p;
      continue;
    }
    pairs.emplace_back(*p, *n);
    now.erase(n);
    p = planned.erase(p);
  }
  return pairs;
}

} // namespace

std::vector<std::string> source_differences(const std::vector<model::SourceFile>& planned,
                                            const std::vector<model::SourceFile>& now) {
  std::vector<std::string> out;
  Unmatched plan_left;
  Unmatched now_left;
  for (const auto& source : planned) {
    plan_left.push_back(&source);
  }
  for (const auto& source : now) {
    now_left.push_back(&source);
  }
  // The same path: the same file, whatever it says now.
  for (const auto& [p, n] : take_pairs(
           plan_left, now_left, [](const auto&a, const auto&b) { return a.path == b.path; })) {
    if (p->text != n->text) {
      out.push_back(p->path + " differs");
    }
  }
  // Another root (another checkout, `./c` for `c`, an absolute path): the same text is the
  // same file; then the longest shared tail of the path (the path relative to the root).
  (void)take_pairs(plan_left, now_left,
                   [](const auto& a, const auto& b) { return a.text == b.text; });
  for (std::size_t tail = 32; tail > 0; --tail) {
    for (const auto& [p, n] : take_pairs(plan_left, now_left, [tail](const auto&a, const auto&b) {
           return common_tail(a.path, b.path) >= tail;
         })) {
      out.push_back(n->path + " differs from the plan's " + p->path);
    }
  }
  // Renamed files, as many as there were: in load order.
  if (plan_left.size() == now_left.size()) {
    for (std::size_t i = 0; i < plan_left.size(); ++i) {
      out.push_back(now_left[i]->path + " differs from the plan's " + plan_left[i]->path);
    }
    return out;
  }
  for (const auto* source : plan_left) {
    out.push_back(source->path + " is in the plan but not in the files read now");
  }
  for (const auto* source : now_left) {
    out.push_back(source->path + " is in the files read now but not in the plan");
  }
  return out;
}

} // namespace aigw::config
