#include "config/desired_builder.h"

#include "config/interpolate.h"
#include "config/resource_fields.h"
#include "config/route_elements.h"
#include "config/shape.h"

#include <array>

namespace aigw::config {
namespace {

using model::ResourceKind;

constexpr std::array<std::string_view, 5> k_top_keys = {"account_id", "prune", "scope", "gateways",
                                                        "billing"};
constexpr std::array<std::string_view, 4> k_gateway_structural = {"id", "datasets",
                                                                  "provider_configs", "routes"};
constexpr std::array<std::string_view, 1> k_dataset_structural = {"name"};
constexpr std::array<std::string_view, 3> k_provider_structural = {"provider_slug", "alias",
                                                                   "secret"};
constexpr std::array<std::string_view, 2> k_route_keys = {"name", "elements"};
constexpr std::array<std::string_view, 2> k_billing_keys = {"spending_limit", "auto_topup"};
constexpr std::array<std::string_view, 1> k_name = {"name"};
constexpr std::array<std::string_view, 1> k_id = {"id"};
constexpr std::array<std::string_view, 2> k_provider_identity = {"provider_slug", "alias"};
constexpr std::array<std::string_view, 0> k_none = {};

std::string quoted(const std::string &s) {
  return "'" + s + "'";
}

/// A non-empty string of at most max_length characters, or nullopt (reported).
std::optional<std::string> identity(NodeReader &reader, const YAML::Node &node,
                                    std::string_view what, std::optional<double> max_length) {
  auto v =
      check_shape(reader, node, Shape{.kind = Shape::Kind::string, .min = 1, .max = max_length},
                  std::string(what));
  return v ? std::optional<std::string>(v->as_string()) : std::nullopt;
}

const YAML::Node *find(const std::vector<Entry> &entries, std::string_view key) {
  for (const auto &e : entries) {
    if (e.key == key) {
      return &e.value;
    }
  }
  return nullptr;
}

/// The identity string under `key` ("" when absent or invalid, which clears *ok; a missing
/// key is reported by the caller's required check).
std::string identity_of(NodeReader &reader, const std::vector<Entry> &entries, std::string_view key,
                        std::optional<double> max_length, bool *ok) {
  const YAML::Node *node = find(entries, key);
  if (node == nullptr) {
    return {};
  }
  auto value = identity(reader, *node, key, max_length);
  *ok = *ok && value.has_value();
  return value.value_or("");
}

/// Calls read(item) for each item of a list-valued key; reports a non-list.
template <class Read>
void for_each_item(NodeReader &reader, const YAML::Node &node, std::string_view what, Read read) {
  if (node.IsNull()) {
    return; // `datasets:` with nothing under it declares none
  }
  if (!node.IsSequence()) {
    reader.type_error(node, what, "a list");
    return;
  }
  for (const auto &item : node) {
    read(item);
  }
}

} // namespace

bool DesiredBuilder::claim(NodeReader &reader, const YAML::Node &node,
                           const std::string &identity_key, const std::string &label) {
  const model::Origin here = reader.origin(node);
  auto [it, inserted] = m_declared.emplace(identity_key, here);
  if (!inserted) {
    const std::string first = it->second.file == here.file
                                  ? "line " + std::to_string(it->second.line)
                                  : it->second.to_string();
    reader.error(node, label + " is declared twice (first at " + first + ")");
    return false;
  }
  return true;
}

void DesiredBuilder::add_document(NodeReader &reader, const YAML::Node &root) {
  if (!root.IsDefined() || root.IsNull()) {
    return; // an empty file declares nothing
  }
  auto entries = reader.mapping(root, "document");
  if (!entries) {
    return;
  }
  for (const auto &e : *entries) {
    if (!reader.check_known(e, k_top_keys, "")) {
      continue;
    }
    if (e.key == "gateways") {
      for_each_item(reader, e.value, "gateways",
                    [&](const YAML::Node &item) { read_gateway(reader, item); });
      continue;
    }
    // Top-level settings may appear in one file only, so two files cannot disagree.
    if (!claim(reader, e.key_node, "setting:" + e.key, quoted(e.key))) {
      continue;
    }
    if (e.key == "account_id") {
      if (auto id = identity(reader, e.value, "account_id", std::nullopt)) {
        m_desired.account_id = *id;
      }
    } else if (e.key == "prune") {
      if (auto prune = reader.boolean(e.value, "prune")) {
        m_desired.prune = *prune;
      }
    } else if (e.key == "scope") {
      read_scope(reader, e.value);
    } else {
      read_billing(reader, e.value);
    }
  }
}

void DesiredBuilder::read_scope(NodeReader &reader, const YAML::Node &node) {
  if (!node.IsSequence()) {
    reader.type_error(node, "scope", "a list of gateway id globs");
    return;
  }
  std::size_t index = 0;
  for (const auto &item : node) {
    if (auto glob = identity(reader, item, "scope[" + std::to_string(index++) + "]", 64)) {
      m_desired.scope.push_back(*glob);
    }
  }
}

void DesiredBuilder::read_gateway(NodeReader &reader, const YAML::Node &node) {
  auto entries = reader.mapping(node, "gateway");
  if (!entries) {
    return;
  }
  model::Gateway gateway;
  gateway.origin = reader.origin(node);
  bool ok = reader.check_required(node, *entries, k_id, "gateway");
  gateway.id = identity_of(reader, *entries, "id", 64, &ok);
  const std::string label = "gateway " + quoted(gateway.id);
  Fields fields =
      read_fields(reader, ResourceKind::gateway, node, *entries, k_gateway_structural, label);
  gateway.fields = std::move(fields.values);
  if (ok) {
    ok = claim(reader, node, "gateway:" + gateway.id, label);
  }
  for (const auto &e : *entries) {
    if (e.key == "datasets") {
      for_each_item(reader, e.value, "datasets",
                    [&](const YAML::Node &item) { read_dataset(reader, item, gateway.id); });
    } else if (e.key == "provider_configs") {
      for_each_item(reader, e.value, "provider_configs", [&](const YAML::Node &item) {
        read_provider_config(reader, item, gateway.id);
      });
    } else if (e.key == "routes") {
      for_each_item(reader, e.value, "routes",
                    [&](const YAML::Node &item) { read_route(reader, item, gateway.id); });
    }
  }
  if (ok && fields.ok) {
    m_desired.resources.gateways.push_back(std::move(gateway));
  }
}

void DesiredBuilder::read_dataset(NodeReader &reader, const YAML::Node &node,
                                  const std::string &gateway) {
  auto entries = reader.mapping(node, "dataset");
  if (!entries) {
    return;
  }
  model::Dataset dataset;
  dataset.gateway_id = gateway;
  dataset.origin = reader.origin(node);
  bool ok = reader.check_required(node, *entries, k_name, "dataset");
  dataset.name = identity_of(reader, *entries, "name", std::nullopt, &ok);
  const std::string label = "dataset " + quoted(dataset.name) + " of gateway " + quoted(gateway);
  Fields fields =
      read_fields(reader, ResourceKind::dataset, node, *entries, k_dataset_structural, label);
  dataset.fields = std::move(fields.values);
  if (ok) {
    ok = claim(reader, node, "dataset:" + gateway + "/" + dataset.name, label);
  }
  if (ok && fields.ok) {
    m_desired.resources.datasets.push_back(std::move(dataset));
  }
}

void DesiredBuilder::read_provider_config(NodeReader &reader, const YAML::Node &node,
                                          const std::string &gateway) {
  auto entries = reader.mapping(node, "provider config");
  if (!entries) {
    return;
  }
  model::ProviderConfig config;
  config.gateway_id = gateway;
  config.origin = reader.origin(node);
  bool ok = reader.check_required(node, *entries, k_provider_identity, "provider config");
  config.provider_slug = identity_of(reader, *entries, "provider_slug", std::nullopt, &ok);
  config.alias = identity_of(reader, *entries, "alias", std::nullopt, &ok);
  const std::string label = "provider config " + quoted(config.provider_slug + "/" + config.alias) +
                            " of gateway " + quoted(gateway);
  Fields fields = read_fields(reader, ResourceKind::provider_config, node, *entries,
                              k_provider_structural, label);
  config.fields = std::move(fields.values);
  if (const YAML::Node *secret = find(*entries, "secret")) {
    // Only the raw text is inspected before interpolation, so a literal key is refused
    // without ever being echoed, and an interpolated one never reaches a message.
    const auto name = secret->IsScalar() ? sole_reference(secret->Scalar()) : std::nullopt;
    if (!name) {
      reader.secret_error(*secret,
                          "'secret' must come from the environment: write 'secret: ${NAME}' "
                          "(a literal secret in a file is refused)");
      ok = false;
    } else if (auto value = reader.env()(*name); !value) {
      reader.secret_error(*secret, "environment variable '" + *name + "' is not set (in 'secret')");
      ok = false;
    } else if (value->empty()) {
      reader.secret_error(*secret, "environment variable '" + *name + "' is empty (in 'secret')");
      ok = false;
    } else {
      config.secret = Secret(*value);
      config.secret_env = *name;
    }
  } else if (find(*entries, "secret_id") == nullptr) {
    reader.error(node, "missing 'secret' or 'secret_id' in " + label);
    ok = false;
  }
  if (ok) {
    ok = claim(reader, node,
               "provider_config:" + gateway + "/" + config.provider_slug + "/" + config.alias,
               label);
  }
  if (ok && fields.ok) {
    m_desired.resources.provider_configs.push_back(std::move(config));
  }
}

void DesiredBuilder::read_route(NodeReader &reader, const YAML::Node &node,
                                const std::string &gateway) {
  auto entries = reader.mapping(node, "route");
  if (!entries) {
    return;
  }
  model::Route route;
  route.gateway_id = gateway;
  route.origin = reader.origin(node);
  bool ok = reader.check_required(node, *entries, k_route_keys, "route");
  for (const auto &e : *entries) {
    ok = reader.check_known(e, k_route_keys, "route") && ok;
  }
  route.name = identity_of(reader, *entries, "name", std::nullopt, &ok);
  if (const YAML::Node *elements = find(*entries, "elements")) {
    auto parsed = read_route_elements(reader, *elements, route.name);
    ok = ok && parsed.has_value();
    if (parsed) {
      route.elements = std::move(*parsed);
    }
  }
  if (ok) {
    ok = claim(reader, node, "route:" + gateway + "/" + route.name,
               "route " + quoted(route.name) + " of gateway " + quoted(gateway));
  }
  if (ok) {
    m_desired.resources.routes.push_back(std::move(route));
  }
}

void DesiredBuilder::read_billing(NodeReader &reader, const YAML::Node &node) {
  m_desired.billing_declared = true;
  if (node.IsNull()) {
    return;
  }
  auto entries = reader.mapping(node, "billing");
  if (!entries) {
    return;
  }
  for (const auto &e : *entries) {
    if (!reader.check_known(e, k_billing_keys, "billing")) {
      continue;
    }
    const bool is_limit = e.key == "spending_limit";
    if (e.value.IsNull()) {
      // Explicit null: billing is managed and this setting must not exist.
      (is_limit ? m_desired.spending_limit_absent : m_desired.auto_topup_absent) = true;
      continue;
    }
    auto fields_entries = reader.mapping(e.value, e.key);
    if (!fields_entries) {
      continue;
    }
    const auto kind = is_limit ? ResourceKind::spending_limit : ResourceKind::auto_topup;
    Fields fields = read_fields(reader, kind, e.value, *fields_entries, k_none,
                                std::string(model::resource_kind_name(kind)));
    if (!fields.ok) {
      continue;
    }
    if (is_limit) {
      m_desired.resources.spending_limit =
          model::SpendingLimit{std::move(fields.values), reader.origin(e.value)};
    } else {
      m_desired.resources.auto_topup =
          model::AutoTopup{std::move(fields.values), reader.origin(e.value)};
    }
  }
}

} // namespace aigw::config
