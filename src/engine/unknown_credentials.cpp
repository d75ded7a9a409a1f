#include "engine/unknown_credentials.h"

#include "model/credentials.h"

#include <algorithm>

namespace aigw::engine {
namespace {

/// How many places a warning names before it only counts the rest.
constexpr std::size_t k_places_named = 5;

} // namespace

UnknownCredentials fill_unknown_credentials(const model::Gateway& want,
                                            const model::Gateway* live) {
  UnknownCredentials out;
  out.fields = want.fields;
  for (const auto& unknown : want.unresolved) {
    out.variables.insert(out.variables.end(), unknown.variables.begin(), unknown.variables.end());
    const model::Value* have = live == nullptr ? nullptr : model::value_at(live->fields, unknown.path);
    model::Value* slot = model::value_at(out.fields, unknown.path);
    if (have != nullptr && slot != nullptr) {
      *slot = *have;
      out.not_compared.push_back(unknown);
    }
  }
  std::sort(out.variables.begin(), out.variables.end());
  out.variables.erase(std::unique(out.variables.begin(), out.variables.end()), out.variables.end());
  return out;
}

std::vector<std::string>
not_compared_warnings(const std::map<std::string, std::vector<std::string>>& places) {
  std::vector<std::string> out;
  for (const auto& [variable, where] : places) {
    std::string line = "`" + variable +
                       "` is not set, so these credentials were not compared with live (a "
                       "changed value shows only in a plan made with it set): ";
    for (std::size_t i = 0; i < where.size() && i < k_places_named; ++i) {
      line += i == 0 ? "" : ", ";
      line += where[i];
    }
    if (where.size() > k_places_named) {
      line += " and " + std::to_string(where.size() - k_places_named) + " more";
    }
    out.push_back(std::move(line));
  }
  return out;
}

} // namespace aigw::engine
