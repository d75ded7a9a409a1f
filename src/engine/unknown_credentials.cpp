#include "engine/unknown_credentials.h"

#include "model/credentials.h"
#include "util/concat.h"

#include <algorithm>
#include <string_view>

namespace aigw::engine {
namespace {

/// How many places a warning names before it only counts the rest.
constexpr std::size_t k_places_named = 5;

/// The path in live of the credential a desired path names. otel is compared as a set, so
/// an exporter is matched by its `url`, not its position; anything else by the same path.
std::string live_path(const model::Object& want, const model::Object& live,
                      const std::string& path) {
  constexpr std::string_view k_otel = "otel[";
  const auto close = path.find(']');
  if (!path.starts_with(k_otel) || close == std::string::npos) {
    return path;
  }
  const std::string index = path.substr(k_otel.size(), close - k_otel.size());
  const model::Value* url = model::value_at(want, concat("otel[", index, "].url"));
  const model::Value* exporters = model::value_at(live, "otel");
  if (url == nullptr || exporters == nullptr || !exporters->is_array()) {
    return path;
  }
  const auto& items = exporters->as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const model::Value* candidate = items[i].find("url");
    if (candidate != nullptr && *candidate == *url) {
      return concat("otel[", std::to_string(i), path.substr(close));
    }
  }
  return path;
}

} // namespace

UnknownCredentials fill_unknown_credentials(const model::Gateway& want,
                                            const model::Gateway* live) {
  UnknownCredentials out;
  out.fields = want.fields;
  for (const auto& unknown : want.unresolved) {
    out.variables.insert(out.variables.end(), unknown.variables.begin(), unknown.variables.end());
    const model::Value* have =
        live == nullptr ? nullptr
                        : model::value_at(live->fields, live_path(want.fields, live->fields, unknown.path));
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
