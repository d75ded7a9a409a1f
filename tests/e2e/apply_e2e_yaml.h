#pragma once
// Desired-state YAML for the apply end-to-end tests.

#include <map>
#include <string>
#include <vector>

namespace aigw::test {

/// One gateway and its children, to write as YAML.
struct GatewayYaml {
  std::string id;
  int cache_ttl = 0;
  bool guardrails = false;                   ///< guardrails (not taken by create)
  std::vector<std::string> datasets;         ///< names
  std::vector<std::string> providers;        ///< provider slugs, alias "main"
  std::map<std::string, std::string> routes; ///< route name -> model of its one model element
};

/// A route graph start -> model -> end under `routes:`.
inline std::string route_yaml(const std::string& name, const std::string& model) {
  return "      - name: " + name + R"(
        elements:
          - { id: start, type: start, outputs: { next: { elementId: primary } } }
          - id: primary
            type: model
            properties: { provider: openai, model: )" + model + R"(, retries: 2, timeout: 30000 }
            outputs: { success: { elementId: end }, fallback: { elementId: end } }
          - { id: end, type: end, outputs: {} }
)";
}

inline std::string gateway_yaml(const GatewayYaml& g) {
  std::string y = "  - id: " + g.id + "\n    cache_ttl: " + std::to_string(g.cache_ttl) +
                  "\n    collect_logs: true\n";
  if (g.guardrails) {
    y += "    guardrails: { prompt: { S1: BLOCK } }\n";
  }
  if (!g.datasets.empty()) {
    y += "    datasets:\n";
    for (const auto& d : g.datasets) {
      y += "      - name: " + d + "\n        enable: true\n"
           "        filters: [ { key: success, operator: eq, value: [false] } ]\n";
    }
  }
  if (!g.providers.empty()) {
    y += "    provider_configs:\n";
    for (const auto& slug : g.providers) {
      y += "      - provider_slug: " + slug + "\n        alias: main\n        default_config: " +
           (slug == "openai" ? "true" : "false") + "\n        secret: ${OPENAI_API_KEY}\n";
    }
  }
  if (!g.routes.empty()) {
    y += "    routes:\n";
    for (const auto& [name, model] : g.routes) {
      y += route_yaml(name, model);
    }
  }
  return y;
}

/// A whole file: the gateways, then `billing` (already YAML, may be empty).
inline std::string desired_yaml(const std::vector<GatewayYaml>& gateways,
                                const std::string& billing = "") {
  std::string y = "account_id: ${CLOUDFLARE_ACCOUNT_ID}\ngateways:";
  y += gateways.empty() ? " []\n" : "\n";
  for (const auto& g : gateways) {
    y += gateway_yaml(g);
  }
  return y + billing;
}

inline const std::string k_billing_both =
    "billing:\n  spending_limit: { amount: 10000, duration: monthly, strategy: fixed }\n"
    "  auto_topup: { amount: 5000, threshold: 500 }\n";
inline const std::string k_billing_changed =
    "billing:\n  spending_limit: { amount: 20000, duration: monthly, strategy: fixed }\n"
    "  auto_topup: null\n";

} // namespace aigw::test
