#pragma once
// Small builders of desired and live resources for the diff and planner tests.

#include "engine/live_state.h"
#include "model/resources.h"

#include <string>
#include <vector>

namespace aigw::test {

/// start -> primary (a model element) -> end, with the given model and retries.
inline std::vector<model::RouteElement> model_graph(const std::string& model_name, double retries = 2) {
  return {
      {"start", "start", {}, {{"next", model::Object{{"elementId", "primary"}}}}},
      {"primary",
       "model",
       {{"provider", "openai"}, {"model", model_name}, {"retries", retries}},
       {{"success", model::Object{{"elementId", "end"}}},
        {"fallback", model::Object{{"elementId", "end"}}}}},
      {"end", "end", {}, {}},
  };
}

/// A live gateway with the API's read-only fields filled in.
inline model::Gateway live_gateway(const std::string& id, model::Object fields = {}) {
  fields.emplace("created_at", "2026-01-01T00:00:00Z");
  fields.emplace("modified_at", "2026-01-01T00:00:00Z");
  fields.emplace("is_default", false);
  fields.emplace("cache_ttl", 0);
  fields.emplace("cache_invalidate_on_update", false);
  fields.emplace("collect_logs", true);
  fields.emplace("rate_limiting_interval", 0);
  fields.emplace("rate_limiting_limit", 0);
  return {id, std::move(fields), {}};
}

inline model::Dataset live_dataset(const std::string& gateway, const std::string& name,
                                   const std::string& server_id, model::Object fields = {}) {
  fields.emplace("enable", true);
  fields.emplace("filters", model::Array{});
  fields.emplace("created_at", "2026-01-01T00:00:00Z");
  return {gateway, name, server_id, std::move(fields), {}};
}

inline model::Route live_route(const std::string& gateway, const std::string& name,
                               const std::string& server_id,
                               std::vector<model::RouteElement> elements) {
  return {gateway, name, server_id, std::move(elements), "v-1", {}};
}

/// A LiveState whose children were read for every live gateway.
inline engine::LiveState read_everything(model::Resources resources, bool billing = false) {
  engine::LiveState live;
  for (const auto& g : resources.gateways) {
    live.children_read.push_back(g.id);
  }
  live.resources = std::move(resources);
  live.billing_read = billing;
  return live;
}

} // namespace aigw::test
