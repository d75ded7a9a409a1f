#pragma once
// RandomAccount: a seeded random desired state covering every kind and every field type of
// the field table (booleans, numbers in range, enumerations, strings, the nested dlp,
// guardrails, otel and stripe shapes, dataset filters, route graphs with every element
// type), each optional field sometimes omitted, sometimes at its create default and
// sometimes not. Used to build live states in the emulator for the export round trip.

#include "model/field_spec.h"
#include "model/resources.h"

#include <algorithm>
#include <random>
#include <string>

namespace aigw::test {

class RandomAccount {
public:
  /// authorization: the value of every otel/stripe authorization; provider_secret: of every
  /// provider config's secret (canaries: neither may appear in an export).
  RandomAccount(std::uint64_t seed, std::string authorization, std::string provider_secret)
      : m_random(seed), m_authorization(std::move(authorization)),
        m_provider_secret(std::move(provider_secret)) {}

  bool coin() { return pick(2) == 0; }
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_random);
  }
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }

  std::string word(std::size_t min_length = 3, std::size_t max_length = 8) {
    static const std::string letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string out(1, letters[pick(26)]);
    const std::size_t length = min_length + pick(max_length - min_length + 1);
    while (out.size() < length) {
      out += letters[pick(letters.size())];
    }
    return out;
  }

  model::Desired desired(const std::string& account_id, std::size_t max_gateways = 3) {
    model::Desired d;
    d.account_id = account_id;
    const std::size_t gateways = 1 + pick(max_gateways);
    for (std::size_t i = 0; i < gateways; ++i) {
      const std::string id = "gw-" + std::to_string(i) + "-" + word(2, 6);
      d.resources.gateways.push_back({id, gateway_fields(), {}});
      for (std::size_t n = pick(3); n > 0; --n) {
        d.resources.datasets.push_back({id, "ds-" + std::to_string(n), "", dataset_fields(), {}});
      }
      static const std::vector<std::string> slugs = {"openai", "anthropic", "workers-ai",
                                                     "google-ai-studio"};
      for (std::size_t n = pick(3); n > 0; --n) {
        model::ProviderConfig config;
        config.gateway_id = id;
        config.provider_slug = slugs[pick(slugs.size())];
        config.alias = "alias-" + std::to_string(n);
        config.fields = provider_fields();
        if (pick(4) == 0) {
          config.fields["secret_id"] = "store-" + word();
        } else {
          config.secret = Secret(m_provider_secret);
          config.secret_env = "UNUSED";
        }
        d.resources.provider_configs.push_back(std::move(config));
      }
      for (std::size_t n = pick(3); n > 0; --n) {
        d.resources.routes.push_back({id, "route-" + std::to_string(n), "", graph(), "", {}});
      }
    }
    if (coin()) {
      d.billing_declared = true;
      if (coin()) {
        static const std::vector<std::string> durations = {"daily", "weekly", "monthly"};
        d.resources.spending_limit = model::SpendingLimit{
            {{"amount", between(100, 100000)},
             {"duration", durations[pick(3)]},
             {"strategy", coin() ? "fixed" : "sliding"}},
            {}};
      }
      if (coin()) {
        d.resources.auto_topup =
            model::AutoTopup{{{"amount", between(1000, 50000)}, {"threshold", between(500, 5000)}}, {}};
      }
    }
    return d;
  }

  /// A different graph, for versions that are not the deployed one.
  std::vector<model::RouteElement> graph() {
    using model::Object;
    std::vector<model::RouteElement> elements;
    const auto out = [](const std::string& id) { return Object{{"elementId", id}}; };
    const auto model_element = [&](const std::string& id, const std::string& next) {
      Object properties{{"provider", coin() ? "openai" : "anthropic"}, {"model", word()}};
      if (coin()) properties["retries"] = between(0, 5);
      if (coin()) properties["timeout"] = between(0, 60000);
      Object outputs{{"success", out(next)}};
      if (coin()) outputs["fallback"] = out(next);
      return model::RouteElement{id, "model", properties, outputs};
    };
    switch (pick(4)) {
    case 0:
      elements.push_back({"start", "start", {}, {{"next", out("m1")}}});
      elements.push_back(model_element("m1", "end"));
      break;
    case 1: {
      const int share = between(1, 99);
      elements.push_back({"start", "start", {}, {{"next", out("split")}}});
      elements.push_back({"split", "percentage", {},
                          {{std::to_string(share) + "%", out("m1")}, {"else", out("m2")}}});
      elements.push_back(model_element("m1", "end"));
      elements.push_back(model_element("m2", "end"));
      break;
    }
    case 2:
      elements.push_back({"start", "start", {}, {{"next", out("limit")}}});
      elements.push_back({"limit", "rate",
                          {{"key", "user"}, {"limit", between(1, 1000)},
                           {"limitType", coin() ? "count" : "cost"}, {"window", between(1, 3600)}},
                          {{"success", out("m1")}, {"fallback", out("end")}}});
      elements.push_back(model_element("m1", "end"));
      break;
    default:
      elements.push_back({"start", "start", {}, {{"next", out("when")}}});
      elements.push_back({"when", "conditional",
                          {{"conditions", Object{{"metadata.tier", Object{{"$eq", "pro"}}}}}},
                          {{"true", out("m1")}, {"false", out("m2")}}});
      elements.push_back(model_element("m1", "end"));
      elements.push_back(model_element("m2", "end"));
      break;
    }
    elements.push_back({"end", "end", {}, {}});
    // Declared in a shuffled order: the export must put them back in reading order.
    std::shuffle(elements.begin(), elements.end(), m_random);
    return elements;
  }

private:
  /// A random valid value for a scalar field of the table; sometimes its create default.
  model::Value scalar(const model::FieldSpec& spec) {
    if (spec.create_default && pick(3) == 0) {
      return *spec.create_default;
    }
    switch (spec.type) {
    case model::FieldType::boolean: return coin();
    case model::FieldType::number: {
      const int low = static_cast<int>(spec.min.value_or(0));
      const int high = static_cast<int>(std::min(spec.max.value_or(100000), 10000000.0));
      return between(low, high);
    }
    case model::FieldType::enumeration:
      return std::string(spec.enum_values[pick(spec.enum_values.size())]);
    case model::FieldType::string:
      return word(static_cast<std::size_t>(spec.min.value_or(3)),
                  static_cast<std::size_t>(spec.min.value_or(3)) + 20);
    default: return nullptr;
    }
  }

  model::Value nested(std::string_view name) {
    using model::Array;
    using model::Object;
    if (name == "guardrails") {
      // One side or both, each with at least one category (the API requires them).
      Object sides;
      const std::size_t which = pick(3);
      for (const auto* side : {"prompt", "response"}) {
        if (which == 2 || (which == 0) == (std::string(side) == "prompt")) {
          Object categories;
          const auto all = model::guardrail_categories();
          categories[std::string(all[pick(all.size())])] = coin() ? "FLAG" : "BLOCK";
          for (const auto category : all) {
            if (pick(4) == 0) categories[std::string(category)] = coin() ? "FLAG" : "BLOCK";
          }
          sides[side] = categories;
        }
      }
      return sides;
    }
    if (name == "dlp") {
      if (coin()) {
        return Object{{"action", coin() ? "BLOCK" : "FLAG"},
                      {"enabled", coin()},
                      {"profiles", Array{"profile-" + word(), "profile-" + word()}}};
      }
      return Object{{"enabled", coin()},
                    {"policies", Array{Object{{"id", "policy-" + word()},
                                              {"action", coin() ? "BLOCK" : "FLAG"},
                                              {"check", Array{"REQUEST"}},
                                              {"enabled", true},
                                              {"profiles", Array{"profile-" + word()}}}}}};
    }
    if (name == "otel") {
      Array exporters;
      for (std::size_t n = 1 + pick(2); n > 0; --n) {
        Object exporter{{"authorization", m_authorization},
                        {"headers", Object{{"x-team", word()}}},
                        {"url", "https://otel-" + word() + ".example/v1/traces"}};
        if (coin()) exporter["content_type"] = coin() ? "json" : "protobuf";
        exporters.push_back(exporter);
      }
      return exporters;
    }
    if (name == "stripe") {
      return Object{{"authorization", m_authorization},
                    {"usage_events", Array{Object{{"payload", "{\"tokens\": 1}"}}}}};
    }
    return nullptr;
  }

  model::Object gateway_fields() {
    model::Object f;
    for (const auto& spec : model::field_specs(model::ResourceKind::gateway)) {
      if (spec.read_only || pick(3) == 0) {
        continue;
      }
      const bool is_nested =
          spec.type == model::FieldType::object || spec.type == model::FieldType::array;
      f[std::string(spec.name)] = is_nested ? nested(spec.name) : scalar(spec);
    }
    return f;
  }

  model::Object dataset_fields() {
    model::Object f;
    if (coin()) f["enable"] = coin();
    if (coin()) {
      model::Array filters;
      for (std::size_t n = pick(3); n > 0; --n) {
        const auto key = model::dataset_filter_keys()[pick(model::dataset_filter_keys().size())];
        filters.push_back(model::Object{{"key", std::string(key)},
                                        {"operator", "eq"},
                                        {"value", model::Array{word()}}});
      }
      f["filters"] = filters;
    }
    return f;
  }

  model::Object provider_fields() {
    model::Object f;
    if (coin()) f["default_config"] = coin();
    if (coin()) f["rate_limit"] = between(0, 1000);
    if (coin()) f["rate_limit_period"] = between(0, 3600);
    return f;
  }

  std::mt19937_64 m_random;
  std::string m_authorization;
  std::string m_provider_secret;
};

} // namespace aigw::test
