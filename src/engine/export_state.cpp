#include "engine/export_state.h"

#include "engine/normalize.h"
#include "model/credentials.h"
#include "model/field_spec.h"
#include "model/resource_key.h"

#include <algorithm>
#include <deque>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

namespace aigw::engine {
namespace {

using model::Value;

/// A copy without null members of objects, at any depth: null means "not set" to the API,
/// and a person leaves such a member out.
Value without_nulls(const Value& value) {
  if (value.is_object()) {
    model::Object out;
    for (const auto& [key, member] : value.as_object()) {
      if (!member.is_null()) {
        out.emplace(key, without_nulls(member));
      }
    }
    return out;
  }
  if (value.is_array()) {
    model::Array out;
    for (const auto& item : value.as_array()) {
      out.push_back(without_nulls(item));
    }
    return out;
  }
  return value;
}

/// An empty list, object or string: what the API answers for "not set" where a field has
/// no create default (`otel: []`, `secret_id: ""`).
bool is_empty(const Value& value) {
  return (value.is_array() && value.as_array().empty()) ||
         (value.is_object() && value.as_object().empty()) ||
         (value.is_string() && value.as_string().empty());
}

/// The fields a person would write: known, writable, set, and not the create default.
/// (Leaving a field out makes it unmanaged, so the export still plans clean.)
model::Object writable_fields(model::ResourceKind kind, const model::Object& live) {
  model::Object out;
  for (const auto& [name, value] : live) {
    const auto* spec = model::find_field(kind, name);
    if (spec == nullptr || spec->read_only || spec->sensitive || value.is_null()) {
      continue;
    }
    if (spec->create_default ? fields_equal(kind, name, value, *spec->create_default)
                             : is_empty(value)) {
      continue;
    }
    out.emplace(name, without_nulls(value));
  }
  return out;
}

/// Hands out variable names, adding _2, _3, ... when two secrets would share one.
class VariableNames {
public:
  explicit VariableNames(std::vector<SecretVariable>& out) : m_out(out) {}

  std::string take(const std::vector<std::string>& parts, std::string used_by) {
    const std::string base = secret_variable_name(parts);
    std::string name = base;
    for (int n = 2; m_taken.contains(name); ++n) {
      name = base + "_" + std::to_string(n);
    }
    m_taken.insert(name);
    m_out.push_back({name, std::move(used_by)});
    return name;
  }

private:
  std::vector<SecretVariable>& m_out;
  std::set<std::string> m_taken;
};

/// Replaces the credentials the API holds in a gateway's otel exporters and stripe
/// settings by the names of the variables to read them from.
void reference_gateway_credentials(const std::string& gateway_id, model::Object& fields,
                                   VariableNames& names) {
  if (auto it = fields.find("otel"); it != fields.end() && it->second.is_array()) {
    auto& exporters = it->second.as_array();
    for (std::size_t i = 0; i < exporters.size(); ++i) {
      if (!exporters[i].is_object()) {
        continue;
      }
      auto& exporter = exporters[i].as_object();
      const std::string number = std::to_string(i + 1);
      const std::string at = "gateway " + gateway_id + " otel[" + std::to_string(i) + "]";
      if (exporter.find("authorization") != exporter.end()) {
        exporter["authorization"] =
            names.take({gateway_id, "OTEL", number, "AUTHORIZATION"}, at + ".authorization");
      }
      // Header values carry API keys as often as not: never written to Git in clear.
      if (auto headers = exporter.find("headers");
          headers != exporter.end() && headers->second.is_object()) {
        for (auto& [name, value] : headers->second.as_object()) {
          if (value.is_string()) {
            value = names.take({gateway_id, "OTEL", number, "HEADER", name},
                               model::member_path(at + ".headers", name));
          }
        }
      }
    }
  }
  if (auto it = fields.find("stripe"); it != fields.end() && it->second.is_object()) {
    if (it->second.find("authorization") != nullptr) {
      it->second.as_object()["authorization"] =
          names.take({gateway_id, "STRIPE", "AUTHORIZATION"},
                     "gateway " + gateway_id + " stripe.authorization");
    }
  }
}

bool has_text(const model::Object& fields, const std::string& name) {
  const auto it = fields.find(name);
  return it != fields.end() && it->second.is_string() && !it->second.as_string().empty();
}

/// "fallback" and "else" read last: they are the paths taken when the others are not.
int output_rank(const std::string& name) { return name == "fallback" || name == "else" ? 1 : 0; }

std::vector<std::string> output_targets(const model::RouteElement& element) {
  std::vector<std::pair<std::string, std::string>> named; // output name, target
  for (const auto& [name, output] : element.outputs) {
    if (const auto* target = output.find("elementId"); target != nullptr && target->is_string()) {
      named.emplace_back(name, target->as_string());
    }
  }
  std::stable_sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
    return output_rank(a.first) < output_rank(b.first);
  });
  std::vector<std::string> targets;
  for (auto& entry : named) {
    targets.push_back(std::move(entry.second));
  }
  return targets;
}

} // namespace

bool is_exported(const ExportOptions& options, const std::string& gateway_id) {
  if (!options.gateways.empty() &&
      std::find(options.gateways.begin(), options.gateways.end(), gateway_id) ==
          options.gateways.end()) {
    return false;
  }
  return model::in_scope(options.scope, gateway_id);
}

std::string secret_variable_name(const std::vector<std::string>& parts) {
  std::string name = "AIGW_SECRET";
  for (const auto& part : parts) {
    name += '_';
    for (const char c : part) {
      if (c >= 'a' && c <= 'z') {
        name += static_cast<char>(c - 'a' + 'A');
      } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        name += c;
      } else {
        name += '_';
      }
    }
  }
  return name;
}

std::vector<model::RouteElement> readable_element_order(std::vector<model::RouteElement> elements) {
  std::sort(elements.begin(), elements.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  std::map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    by_id.emplace(elements[i].id, i);
  }
  std::vector<model::RouteElement> out;
  std::vector<bool> placed(elements.size(), false);
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (elements[i].type == "start") {
      queue.push_back(i);
      placed[i] = true;
    }
  }
  while (!queue.empty()) {
    const std::size_t i = queue.front();
    queue.pop_front();
    for (const auto& target : output_targets(elements[i])) {
      if (const auto it = by_id.find(target); it != by_id.end() && !placed[it->second]) {
        placed[it->second] = true;
        queue.push_back(it->second);
      }
    }
    out.push_back(elements[i]);
  }
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (!placed[i]) {
      out.push_back(elements[i]);
    }
  }
  return out;
}

ExportedState export_state(const LiveState& live, const ExportOptions& options) {
  ExportedState exported;
  auto& desired = exported.desired;
  desired.scope = options.scope;
  VariableNames names(exported.variables);
  const auto& resources = live.resources;

  std::vector<const model::Gateway*> gateways;
  for (const auto& gateway : resources.gateways) {
    if (is_exported(options, gateway.id)) {
      gateways.push_back(&gateway);
    }
  }
  std::sort(gateways.begin(), gateways.end(),
            [](const auto* a, const auto* b) { return a->id < b->id; });
  if (!options.gateways.empty()) {
    // The files claim only what was exported: without a scope they would claim the whole
    // account, and `prune` would delete every other gateway.
    desired.scope.clear();
    for (const auto* gateway : gateways) {
      desired.scope.push_back(gateway->id);
    }
  }
  for (const auto* gateway : gateways) {
    model::Gateway out{gateway->id, writable_fields(model::ResourceKind::gateway, gateway->fields),
                       {}};
    reference_gateway_credentials(gateway->id, out.fields, names);
    desired.resources.gateways.push_back(std::move(out));

    std::vector<model::Dataset> datasets;
    for (const auto& dataset : resources.datasets) {
      if (dataset.gateway_id == gateway->id) {
        datasets.push_back({dataset.gateway_id, dataset.name, "",
                            writable_fields(model::ResourceKind::dataset, dataset.fields), {}});
      }
    }
    std::sort(datasets.begin(), datasets.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::move(datasets.begin(), datasets.end(), std::back_inserter(desired.resources.datasets));

    std::vector<model::ProviderConfig> configs;
    for (const auto& config : resources.provider_configs) {
      if (config.gateway_id == gateway->id) {
        model::ProviderConfig out_config;
        out_config.gateway_id = config.gateway_id;
        out_config.provider_slug = config.provider_slug;
        out_config.alias = config.alias;
        out_config.fields = writable_fields(model::ResourceKind::provider_config, config.fields);
        configs.push_back(std::move(out_config));
      }
    }
    std::sort(configs.begin(), configs.end(), [](const auto& a, const auto& b) {
      return std::tie(a.provider_slug, a.alias) < std::tie(b.provider_slug, b.alias);
    });
    for (auto& config : configs) {
      // A config backed by a Secrets Store entry names it; any other holds a key the API
      // never returns, which the person exporting must supply.
      if (!has_text(config.fields, "secret_id")) {
        config.secret_env = names.take(
            {config.gateway_id, config.provider_slug, config.alias},
            model::key_of(config).address() + " secret");
      }
      desired.resources.provider_configs.push_back(std::move(config));
    }

    std::vector<model::Route> routes;
    for (const auto& route : resources.routes) {
      if (route.gateway_id == gateway->id) {
        routes.push_back({route.gateway_id, route.name, "", readable_element_order(route.elements),
                          "", {}});
      }
    }
    std::sort(routes.begin(), routes.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::move(routes.begin(), routes.end(), std::back_inserter(desired.resources.routes));
  }

  if (live.billing_read && options.gateways.empty() && options.scope.empty()) {
    if (resources.spending_limit) {
      desired.resources.spending_limit = model::SpendingLimit{
          writable_fields(model::ResourceKind::spending_limit, resources.spending_limit->fields),
          {}};
    }
    if (resources.auto_topup) {
      desired.resources.auto_topup = model::AutoTopup{
          writable_fields(model::ResourceKind::auto_topup, resources.auto_topup->fields), {}};
    }
    desired.billing_declared =
        desired.resources.spending_limit.has_value() || desired.resources.auto_topup.has_value();
  }
  // Custom providers are account-wide, like billing. An account without any is left
  // undeclared: declaring none would have prune delete the first one someone adds.
  if (live.custom_providers_read && options.gateways.empty() && options.scope.empty() &&
      !resources.custom_providers.empty()) {
    std::vector<const model::CustomProvider*> providers;
    for (const auto& provider : resources.custom_providers) {
      providers.push_back(&provider);
    }
    std::sort(providers.begin(), providers.end(),
              [](const auto* a, const auto* b) { return a->slug < b->slug; });
    for (const auto* provider : providers) {
      model::CustomProvider out;
      out.slug = provider->slug;
      out.fields = writable_fields(model::ResourceKind::custom_provider, provider->fields);
      // Headers may carry a key: the files name a variable, never the value.
      if (has_text(provider->fields, "headers")) {
        out.headers_env = names.take({"CUSTOM_PROVIDER", provider->slug, "HEADERS"},
                                     "custom provider " + provider->slug + " headers");
      }
      desired.resources.custom_providers.push_back(std::move(out));
    }
    desired.custom_providers_declared = true;
  }
  return exported;
}

} // namespace aigw::engine
