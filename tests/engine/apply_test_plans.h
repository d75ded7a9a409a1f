#pragma once
// Hand-built changes and plans for the apply executor tests.

#include "engine/plan.h"

#include <string>
#include <vector>

namespace aigw::test {

/// elements: start -> one model element -> end, with `model` as the model's name.
inline std::vector<model::RouteElement> route_graph(const std::string& model_name) {
  return {
      {"start", "start", {}, {{"next", model::Object{{"elementId", "primary"}}}}},
      {"primary",
       "model",
       {{"provider", "openai"}, {"model", model_name}},
       {{"success", model::Object{{"elementId", "end"}}},
        {"fallback", model::Object{{"elementId", "end"}}}}},
      {"end", "end", {}, {}},
  };
}

/// A change of `kind` on `resource` in gateway `gateway` with identity `key`.
inline engine::Change make_change(engine::ChangeKind kind, model::ResourceKind resource,
                                  std::string gateway, std::string key = {},
                                  model::Object body = {}) {
  engine::Change c;
  c.kind = kind;
  c.resource = resource;
  c.gateway_id = std::move(gateway);
  c.key = model::parse_key_parts(key).value_or(std::vector<std::string>{key}); // "slug/alias"
  c.body = std::move(body);
  return c;
}

/// A plan of the given changes, each depending on the listed earlier indices.
inline engine::Plan make_plan(std::vector<engine::Change> changes) {
  engine::Plan plan;
  plan.account_id = "acct";
  plan.changes = std::move(changes);
  return plan;
}

} // namespace aigw::test
