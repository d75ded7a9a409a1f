#include "config/source_differences.h"

#include <map>

namespace aigw::config {

std::vector<std::string> source_differences(const std::vector<model::SourceFile>& planned,
                                            const std::vector<model::SourceFile>& now) {
  std::map<std::string, const model::SourceFile*> by_path;
  for (const auto& source : now) {
    by_path.emplace(source.path, &source);
  }
  std::vector<std::string> out;
  std::vector<const model::SourceFile*> unmatched_plan;
  for (const auto& source : planned) {
    const auto it = by_path.find(source.path);
    if (it == by_path.end()) {
      unmatched_plan.push_back(&source);
      continue;
    }
    if (it->second->text != source.text) {
      out.push_back(source.path + " differs");
    }
    by_path.erase(it);
  }
  std::vector<const model::SourceFile*> unmatched_now;
  for (const auto& source : now) {
    if (by_path.contains(source.path)) {
      unmatched_now.push_back(&source);
    }
  }
  if (unmatched_plan.size() == unmatched_now.size()) {
    for (std::size_t i = 0; i < unmatched_plan.size(); ++i) {
      if (unmatched_plan[i]->text != unmatched_now[i]->text) {
        out.push_back(unmatched_now[i]->path + " differs from the plan's " +
                      unmatched_plan[i]->path);
      }
    }
    return out;
  }
  for (const auto* source : unmatched_plan) {
    out.push_back(source->path + " is in the plan but not in the files read now");
  }
  for (const auto* source : unmatched_now) {
    out.push_back(source->path + " is in the files read now but not in the plan");
  }
  return out;
}

} // namespace aigw::config
