#pragma once
// A plan with one change of every kind, for the renderer and plan file tests.

#include "engine/plan.h"

namespace aigw::test {

inline engine::Change sample_change(engine::ChangeKind kind, model::ResourceKind resource,
                                    std::string gateway, std::string key = {}) {
  engine::Change c;
  c.kind = kind;
  c.resource = resource;
  c.gateway_id = std::move(gateway);
  c.key = model::parse_key_parts(key).value_or(std::vector<std::string>{key}); // "slug/alias"
  return c;
}

inline engine::Plan sample_plan() {
  using engine::ChangeKind;
  using model::Object;
  using model::ResourceKind;
  engine::Plan plan;
  plan.account_id = "acct-1";
  plan.api_requests = 7;
  plan.read_gateways = {"support-bot", "new-bot"};
  plan.read_billing = true;

  auto create = sample_change(ChangeKind::create, ResourceKind::gateway, "new-bot");
  create.body = {{"cache_ttl", 300}, {"collect_logs", true}};
  create.diff = {{"cache_ttl", std::nullopt, model::Value(300), false},
                 {"collect_logs", std::nullopt, model::Value(true), false}};
  plan.changes.push_back(create);

  auto follow_up = sample_change(ChangeKind::update, ResourceKind::gateway, "new-bot");
  follow_up.server_id = "new-bot";
  follow_up.reason = "fields the create call does not accept";
  follow_up.body = {{"cache_ttl", 300}, {"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}}}};
  follow_up.diff = {{"guardrails", std::nullopt,
                     model::Value(Object{{"prompt", Object{{"S1", "BLOCK"}}}}), false}};
  follow_up.depends_on = {0};
  plan.changes.push_back(follow_up);

  auto provider = sample_change(ChangeKind::create, ResourceKind::provider_config, "new-bot", "openai/main");
  provider.body = {{"default_config", true}};
  provider.secret = Secret("sk-render-test-secret");
  provider.secret_env = "AIGW_RENDER_TEST_KEY";
  provider.diff = {{"default_config", std::nullopt, model::Value(true), false},
                   {"secret", std::nullopt, std::nullopt, true}};
  provider.depends_on = {0};
  plan.changes.push_back(provider);

  auto dataset = sample_change(ChangeKind::update, ResourceKind::dataset, "support-bot", "failures");
  dataset.server_id = "ds-1";
  dataset.body = {{"enable", false}, {"filters", model::Array{}}};
  dataset.diff = {{"enable", model::Value(true), model::Value(false), false},
                  {"filters[0].value", model::Value(model::Array{0.5}),
                   model::Value(model::Array{0.06}), false}};
  plan.changes.push_back(dataset);

  auto removed = sample_change(ChangeKind::remove, ResourceKind::dataset, "support-bot", "old | <b>");
  removed.server_id = "ds-2";
  plan.changes.push_back(removed);

  auto drift = sample_change(ChangeKind::cannot_fix, ResourceKind::provider_config, "support-bot",
                             "anthropic/main");
  drift.server_id = "pc-1";
  drift.reason = "the API cannot update provider configs; delete and recreate it in the "
                 "dashboard, or change the alias";
  drift.diff = {{"rate_limit", model::Value(20), model::Value(10), false}};
  plan.changes.push_back(drift);

  auto deploy = sample_change(ChangeKind::deploy_new_version, ResourceKind::route, "support-bot", "chat");
  deploy.server_id = "rt-1";
  deploy.elements = {{"start", "start", {}, {{"next", Object{{"elementId", "end"}}}}},
                     {"end", "end", {}, {}}};
  deploy.live_elements = {
      {"start", "start", {}, {{"next", Object{{"elementId", "primary"}}}}},
      {"primary", "model", {{"provider", "openai"}, {"model", "gpt-4o"}},
       {{"success", Object{{"elementId", "end"}}}}},
      {"end", "end", {}, {}}};
  deploy.diff = {{"elements.primary", model::Value(Object{{"type", "model"}}), std::nullopt, false},
                 {"elements.start.outputs.next.elementId", model::Value("primary"),
                  model::Value("end"), false}};
  plan.changes.push_back(deploy);

  auto redeploy = sample_change(ChangeKind::redeploy_version, ResourceKind::route, "support-bot", "faq");
  redeploy.server_id = "rt-2";
  redeploy.version_id = "v-3";
  redeploy.elements = deploy.elements;
  redeploy.live_elements = deploy.live_elements;
  plan.changes.push_back(redeploy);

  auto billing = sample_change(ChangeKind::update, ResourceKind::spending_limit, "");
  billing.billing = true;
  billing.body = {{"amount", 20000}, {"duration", "monthly"}, {"strategy", "fixed"}};
  billing.diff = {{"amount", model::Value(10000), model::Value(20000), false}};
  plan.changes.push_back(billing);

  auto gone = sample_change(ChangeKind::remove, ResourceKind::gateway, "retired-bot");
  gone.server_id = "retired-bot";
  plan.changes.push_back(gone);
  auto cascade = sample_change(ChangeKind::remove, ResourceKind::route, "retired-bot", "faq");
  cascade.server_id = "rt-9";
  cascade.cascade = true;
  cascade.reason = "deleted with gateway retired-bot";
  cascade.depends_on = {plan.changes.size() - 1};
  plan.changes.push_back(cascade);

  plan.warnings = {"route faq of gateway retired-bot has a version in review"};
  plan.not_managed = {{"auto top-up", "not declared; billing settings are account-wide, so prune "
                                      "never deletes one (`auto_topup: null` removes it)"},
                      {"provider config support-bot/openai/old",
                       "not declared; the API cannot delete provider configs (delete it in the "
                       "dashboard)"}};
  plan.fingerprints = {{"gateway new-bot", "absent"}, {"gateway support-bot", "0123456789abcdef"}};
  return plan;
}

} // namespace aigw::test
