#include "config/desired_builder.h"

#include "config/credential_references.h"
#include "config/interpolate.h"
#include "config/resource_fields.h"
#include "config/route_elements.h"
#include "config/shape.h"
#include "model/credentials.h"
#include "model/kind_spec.h"
#include "util/printable.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <span>
#include <utility>

namespace aigw::config {
namespace {

using model::ResourceKind;

constexpr std::array<std::string_view, 6> k_top_keys = {
    "account_id", "prune", "scope", "gateways", "billing", "custom_providers"};
constexpr std::array<std::string_view, 3> k_custom_provider_structural = {"slug", "headers",
                                                                          "protect"};
constexpr std::array<std::string_view, 3> k_dataset_structural = {"name", "protect",
                                                                  "renamed_from"};
constexpr std::array<std::string_view, 4> k_provider_structural = {"provider_slug", "alias",
                                                                   "secret", "protect"};
constexpr std::array<std::string_view, 2> k_route_required = {"name", "elements"};
constexpr std::array<std::string_view, 4> k_route_keys = {"name", "elements", "protect",
                                                          "renamed_from"};
constexpr std::array<std::string_view, 0> k_none = {};

/// Keys of a gateway's mapping that are not API fields: `id`, the lists of the kinds it
/// holds (kind table), `protect`.
std::span<const std::string_view> gateway_structural() {
  static const std::vector<std::string_view> k_keys = [] {
    std::vector<std::string_view> keys{"id"};
    for (const auto &spec : model::all_kinds()) {
      if (spec.parent == model::Parent::gateway) {
        keys.push_back(spec.yaml_key);
      }
    }
    keys.emplace_back("protect");
    return keys;
  }();
  return k_keys;
}

/// Keys of `billing:`: the billing kinds' YAML keys (kind table).
std::span<const std::string_view> billing_keys() {
  static const std::vector<std::string_view> k_keys = [] {
    std::vector<std::string_view> keys;
    for (const auto &spec : model::all_kinds()) {
      if (spec.billing) {
        keys.push_back(spec.yaml_key);
      }
    }
    return keys;
  }();
  return k_keys;
}

/// Checks that an object's identity fields (kind table) are present.
bool has_identity(NodeReader &reader, const YamlNode &node, const std::vector<Entry> &entries,
                  ResourceKind kind) {
  const auto &spec = model::kind_spec(kind);
  return reader.check_required(node, entries, spec.identity, spec.name);
}

std::string quoted(const std::string &s) {
  return "'" + s + "'";
}

/// A non-empty string of at most max_length characters, or nullopt (reported).
std::optional<std::string> identity(NodeReader &reader, const YamlNode &node,
                                    std::string_view what, std::optional<double> max_length) {
  auto v =
      check_shape(reader, node,
                  model::FieldSpec{.type = model::FieldType::string, .min = 1, .max = max_length},
                  std::string(what));
  if (!v) {
    return std::nullopt;
  }
  // An identity is printed in every plan and export: one line of text, no control
  // character (a line break would forge plan lines; the API stores it all the same), and no
  // escape sequence (`\x0a` is how a live name with a control character is shown: declaring
  // it would match that object and send the escaped text back as its name).
  const auto &text = v->as_string();
  const auto bad = std::find_if(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
  if (bad != text.end()) {
    reader.error(node, std::string(what) + " contains a control character (" +
                           escape_control_characters(std::string_view(&*bad, 1)) + ")");
    return std::nullopt;
  }
  if (has_control_character(text)) {
    reader.error(node, std::string(what) + " contains a control character");
    return std::nullopt;
  }
  // `renamed_from` may name such a live object: renaming it to a declared name repairs it.
  if (what != "renamed_from" && has_escape_sequence(text)) {
    reader.error(node, std::string(what) +
                           " contains an escape sequence such as \\x0a: that is how aigw shows a "
                           "control character in a live name, and a declared name cannot hold one");
    return std::nullopt;
  }
  return std::optional<std::string>(text);
}

const YamlNode *find(const std::vector<Entry> &entries, std::string_view key) {
  for (const auto &e : entries) {
    if (e.key == key) {
      return &e.value;
    }
  }
  return nullptr;
}

/// True when every character is unreserved in a URL (RFC 3986: letters, digits, - . _ ~):
/// the gateway id is a segment of every request path for the gateway and its children.
bool check_path_segment(NodeReader &reader, const YamlNode &node, const std::string &id,
                        std::string_view what) {
  const auto bad = std::find_if(id.begin(), id.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return !(std::isalnum(u) != 0 && u < 0x80) && c != '-' && c != '.' && c != '_' && c != '~';
  });
  std::string problem;
  if (bad != id.end()) {
    const auto u = static_cast<unsigned char>(*bad);
    problem = u >= 0x20 && u < 0x7f ? "contains '" + std::string(1, *bad) + "'"
                                    : "contains a character outside printable ASCII";
  } else if (id == "." || id == "..") {
    problem = "is a path step";
  }
  if (problem.empty()) {
    return true;
  }
  reader.error(node, std::string(what) + " " + problem +
                         ", which a URL path segment cannot carry as is: use letters, digits, "
                         "'-', '_', '.' and '~'");
  return false;
}

/// `renamed_from: OLD` (aigw's own key): the name the object has live before this rename;
/// "" when absent. OLD must differ from the new name.
std::string read_renamed_from(NodeReader &reader, const std::vector<Entry> &entries,
                              const std::string &name, bool *ok) {
  const YamlNode *node = find(entries, "renamed_from");
  if (node == nullptr) {
    return {};
  }
  auto old = identity(reader, *node, "renamed_from", std::nullopt);
  if (old && *old == name) {
    reader.error(*node, "'renamed_from' names the same name as 'name' ('" + name +
                            "'); remove it, or give the old name");
    old.reset();
  }
  *ok = *ok && old.has_value();
  return old.value_or("");
}

/// Reports a `renamed_from` of gateway `gateway_id`'s items that names another declared
/// item (both would claim the same live object) or that two items share. `items` are those
/// read with the gateway (not every gateway's: that made loading quadratic).
template <class T>
void check_renames(NodeReader &reader, std::span<const T> items, const std::string &gateway_id,
                   std::string_view what) {
  std::set<std::string> names;
  for (const auto &item : items) {
    if (item.gateway_id == gateway_id) {
      names.insert(item.name);
    }
  }
  std::set<std::string> sources;
  for (const auto &item : items) {
    if (item.gateway_id != gateway_id || item.renamed_from.empty()) {
      continue;
    }
    std::string problem;
    if (names.contains(item.renamed_from)) {
      problem = "is itself declared";
    } else if (!sources.insert(item.renamed_from).second) {
      problem = "is already the old name of another " + std::string(what);
    }
    if (!problem.empty()) {
      YAML::Mark mark;
      mark.line = item.origin.line - 1;
      mark.column = item.origin.column - 1;
      reader.error_at(mark, std::string(what) + " '" + item.name + "' of gateway '" + gateway_id +
                                "': 'renamed_from: " + item.renamed_from + "' names a " +
                                std::string(what) + " that " + problem);
    }
  }
}

/// `protect: true|false` (aigw's own key, never sent to the API); false when absent.
bool read_protect(NodeReader &reader, const std::vector<Entry> &entries, bool *ok) {
  const YamlNode *node = find(entries, "protect");
  if (node == nullptr) {
    return false;
  }
  auto value = reader.boolean(*node, "protect");
  *ok = *ok && value.has_value();
  return value.value_or(false);
}

/// The identity string under `key` ("" when absent or invalid, which clears *ok; a missing
/// key is reported by the caller's required check).
std::string identity_of(NodeReader &reader, const std::vector<Entry> &entries, std::string_view key,
                        std::optional<double> max_length, bool *ok) {
  const YamlNode *node = find(entries, key);
  if (node == nullptr) {
    return {};
  }
  auto value = identity(reader, *node, key, max_length);
  *ok = *ok && value.has_value();
  return value.value_or("");
}

/// A credential written as exactly one `${NAME}`: sets `env` to NAME and `value` to the
/// variable's value when set and not empty (only an apply that creates the object needs it,
/// so pull-request plans need no production keys). Any other text is refused with
/// `message`, without echoing it. False when refused.
bool read_credential(NodeReader &reader, const YamlNode &node, const std::string &message,
                     std::string &env, std::optional<Secret> &value) {
  const auto name = node.IsScalar() ? sole_reference(node.Scalar()) : std::nullopt;
  if (!name) {
    reader.secret_error(node, message);
    return false;
  }
  env = *name;
  if (auto text = reader.env()(*name); text && !text->empty()) {
    value = Secret(*text);
  }
  return true;
}

/// Calls read(item) for each item of a list-valued key; reports a non-list.
template <class Read>
void for_each_item(NodeReader &reader, const YamlNode &node, std::string_view what, Read read) {
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

namespace {

/// Records where `key` was first declared; reports a second declaration. False on a clash.
template <class Key>
bool claim_in(std::map<Key, model::Origin> &declared, NodeReader &reader, const YamlNode &node,
              const Key &key, const std::string &label) {
  const model::Origin here = reader.origin(node);
  auto [it, inserted] = declared.emplace(key, here);
  if (!inserted) {
    const std::string first = it->second.file == here.file
                                  ? "line " + std::to_string(it->second.line)
                                  : it->second.to_string();
    reader.error(node, label + " is declared twice (first at " + first + ")");
    return false;
  }
  return true;
}

} // namespace

bool DesiredBuilder::claim(NodeReader &reader, const YamlNode &node,
                           const model::ResourceKey &key, const std::string &label) {
  return claim_in(m_declared, reader, node, key, label);
}

bool DesiredBuilder::claim_setting(NodeReader &reader, const YamlNode &node,
                                   const std::string &name, const std::string &label) {
  return claim_in(m_settings, reader, node, name, label);
}

void DesiredBuilder::add_document(NodeReader &reader, const YamlNode &root) {
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
                    [&](const YamlNode &item) { read_gateway(reader, item); });
      continue;
    }
    if (e.key == "account_id") {
      read_account_id(reader, e);
      continue;
    }
    // Other top-level settings may appear in one file only, so two files cannot disagree.
    if (!claim_setting(reader, e.key_node, e.key, quoted(e.key))) {
      continue;
    }
    if (e.key == "prune") {
      if (auto prune = reader.boolean(e.value, "prune")) {
        m_desired.prune = *prune;
      }
    } else if (e.key == "scope") {
      read_scope(reader, e.value);
    } else if (e.key == "custom_providers") {
      m_desired.custom_providers_declared = true;
      for_each_item(reader, e.value, "custom_providers",
                    [&](const YamlNode &item) { read_custom_provider(reader, item); });
    } else {
      read_billing(reader, e.value);
    }
  }
}

void DesiredBuilder::read_custom_provider(NodeReader &reader, const YamlNode &node) {
  auto entries = reader.mapping(node, "custom provider");
  if (!entries) {
    return;
  }
  model::CustomProvider provider;
  provider.origin = reader.origin(node);
  bool identified = has_identity(reader, node, *entries, ResourceKind::custom_provider);
  provider.slug = identity_of(reader, *entries, "slug", std::nullopt, &identified);
  bool ok = identified;
  provider.protect = read_protect(reader, *entries, &ok);
  const std::string label = "custom provider " + quoted(provider.slug);
  Fields fields = read_fields(reader, ResourceKind::custom_provider, node, *entries,
                              k_custom_provider_structural, label);
  provider.fields = std::move(fields.values);
  if (const YamlNode *headers = find(*entries, "headers")) {
    // Headers may carry credentials: like a provider secret, they come from ${NAME} only.
    ok = read_credential(reader, *headers,
                         "'headers' must come from the environment: write 'headers: ${NAME}' "
                         "(the variable holds the JSON object; literal headers are refused)",
                         provider.headers_env, provider.headers) &&
         ok;
  }
  if (identified) {
    ok = claim(reader, node, model::key_of(provider), label) && ok;
  }
  if (ok && fields.ok) {
    m_desired.resources.custom_providers.push_back(std::move(provider));
  }
}

void DesiredBuilder::read_account_id(NodeReader &reader, const Entry &entry) {
  // Several files of one repository may each name the account (so each can be used on its
  // own); only different values conflict.
  auto id = identity(reader, entry.value, "account_id", std::nullopt);
  if (!id) {
    return;
  }
  if (m_account_origin.empty()) {
    m_desired.account_id = *id;
    m_account_origin = reader.origin(entry.key_node);
  } else if (*id != m_desired.account_id) {
    const model::Origin here = reader.origin(entry.key_node);
    const std::string first = m_account_origin.file == here.file
                                  ? "line " + std::to_string(m_account_origin.line)
                                  : m_account_origin.to_string();
    reader.error(entry.key_node, "'account_id' differs from the one at " + first +
                                     " (one configuration manages one account)");
  }
}

void DesiredBuilder::read_scope(NodeReader &reader, const YamlNode &node) {
  if (!node.IsSequence()) {
    reader.type_error(node, "scope", "a list of gateway id globs");
    return;
  }
  if (node.size() == 0) {
    reader.error(node, "'scope' is empty, which would match no gateway: list gateway id globs "
                       "(e.g. [team-*]), or remove 'scope' to manage every gateway");
    return;
  }
  m_scope_origin = reader.origin(node);
  m_scope_ok = true;
  std::size_t index = 0;
  for (const auto &item : node) {
    if (auto glob = identity(reader, item, "scope[" + std::to_string(index++) + "]", 64)) {
      m_desired.scope.push_back(*glob);
    } else {
      m_scope_ok = false; // an invalid glob was dropped: matching the rest would mislead
    }
  }
}

void DesiredBuilder::check_scope(std::vector<Diagnostic> &out) const {
  if (!m_scope_ok) {
    return;
  }
  std::string globs;
  for (const auto &glob : m_desired.scope) {
    globs += (globs.empty() ? "" : ", ") + glob;
  }
  for (const auto &[id, where] : m_gateway_ids) {
    if (model::in_scope(m_desired.scope, id)) {
      continue;
    }
    const std::string scope_at = m_scope_origin.file == where.file
                                     ? "line " + std::to_string(m_scope_origin.line)
                                     : m_scope_origin.to_string();
    out.push_back(Diagnostic{where.file, where.line, where.column,
                             "gateway '" + id + "' is outside scope [" + globs + "] (set at " +
                                 scope_at + "): this repository does not manage it; add a glob "
                                 "that matches it to 'scope', or remove the gateway"});
  }
}

void DesiredBuilder::read_gateway(NodeReader &reader, const YamlNode &node) {
  auto entries = reader.mapping(node, "gateway");
  if (!entries) {
    return;
  }
  model::Gateway gateway;
  gateway.origin = reader.origin(node);
  bool identified = has_identity(reader, node, *entries, ResourceKind::gateway);
  gateway.id = identity_of(reader, *entries, "id", 64, &identified);
  if (identified && !gateway.id.empty()) {
    identified = check_path_segment(reader, *find(*entries, "id"), gateway.id, "gateway id");
  }
  if (identified) {
    m_gateway_ids.emplace_back(gateway.id, reader.origin(*find(*entries, "id")));
  }
  bool ok = identified;
  gateway.protect = read_protect(reader, *entries, &ok);
  const std::string label = "gateway " + quoted(gateway.id);
  Fields fields =
      read_fields(reader, ResourceKind::gateway, node, *entries, gateway_structural(), label);
  gateway.fields = std::move(fields.values);
  gateway.unresolved = reader.take_unresolved();
  gateway.credentials = reader.take_credentials();
  // OTel/Stripe credentials are plain strings to the API: never let an error echo them.
  model::register_gateway_credentials(gateway.fields);
  fields.ok = check_credential_references(reader, *entries) && fields.ok;
  if (identified) {
    ok = claim(reader, node, model::key_of(gateway), label) && ok;
  }
  const std::size_t first_dataset = m_desired.resources.datasets.size();
  const std::size_t first_route = m_desired.resources.routes.size();
  for (const auto &e : *entries) {
    if (e.key == "datasets") {
      for_each_item(reader, e.value, "datasets",
                    [&](const YamlNode &item) { read_dataset(reader, item, gateway.id); });
    } else if (e.key == "provider_configs") {
      for_each_item(reader, e.value, "provider_configs", [&](const YamlNode &item) {
        read_provider_config(reader, item, gateway.id);
      });
    } else if (e.key == "routes") {
      for_each_item(reader, e.value, "routes",
                    [&](const YamlNode &item) { read_route(reader, item, gateway.id); });
    }
  }
  check_renames(reader, std::span(std::as_const(m_desired.resources.datasets)).subspan(first_dataset),
                gateway.id, "dataset");
  check_renames(reader, std::span(std::as_const(m_desired.resources.routes)).subspan(first_route),
                gateway.id, "route");
  if (ok && fields.ok) {
    m_desired.resources.gateways.push_back(std::move(gateway));
  }
}

void DesiredBuilder::read_dataset(NodeReader &reader, const YamlNode &node,
                                  const std::string &gateway) {
  auto entries = reader.mapping(node, "dataset");
  if (!entries) {
    return;
  }
  model::Dataset dataset;
  dataset.gateway_id = gateway;
  dataset.origin = reader.origin(node);
  bool identified = has_identity(reader, node, *entries, ResourceKind::dataset);
  dataset.name = identity_of(reader, *entries, "name", std::nullopt, &identified);
  bool ok = identified;
  dataset.protect = read_protect(reader, *entries, &ok);
  dataset.renamed_from = read_renamed_from(reader, *entries, dataset.name, &ok);
  const std::string label = "dataset " + quoted(dataset.name) + " of gateway " + quoted(gateway);
  Fields fields =
      read_fields(reader, ResourceKind::dataset, node, *entries, k_dataset_structural, label);
  dataset.fields = std::move(fields.values);
  if (identified) {
    ok = claim(reader, node, model::key_of(dataset), label) && ok;
  }
  if (ok && fields.ok) {
    m_desired.resources.datasets.push_back(std::move(dataset));
  }
}

void DesiredBuilder::read_provider_config(NodeReader &reader, const YamlNode &node,
                                          const std::string &gateway) {
  auto entries = reader.mapping(node, "provider config");
  if (!entries) {
    return;
  }
  model::ProviderConfig config;
  config.gateway_id = gateway;
  config.origin = reader.origin(node);
  bool identified = has_identity(reader, node, *entries, ResourceKind::provider_config);
  config.provider_slug = identity_of(reader, *entries, "provider_slug", std::nullopt, &identified);
  config.alias = identity_of(reader, *entries, "alias", std::nullopt, &identified);
  bool ok = identified;
  config.protect = read_protect(reader, *entries, &ok);
  const std::string label = "provider config " + quoted(config.provider_slug + "/" + config.alias) +
                            " of gateway " + quoted(gateway);
  Fields fields = read_fields(reader, ResourceKind::provider_config, node, *entries,
                              k_provider_structural, label);
  config.fields = std::move(fields.values);
  if (const YamlNode *secret = find(*entries, "secret")) {
    // Only the raw text is inspected before interpolation, so a literal key is refused
    // without ever being echoed, and an interpolated one never reaches a message. An unset
    // (or empty) variable is not an error here: only apply creating this config needs the
    // value, so pull-request plans need no production keys.
    ok = read_credential(reader, *secret,
                         "'secret' must come from the environment: write 'secret: ${NAME}' "
                         "(a literal secret in a file is refused)",
                         config.secret_env, config.secret) &&
         ok;
  } else if (find(*entries, "secret_id") == nullptr) {
    reader.error(node, "missing 'secret' or 'secret_id' in " + label);
    ok = false;
  }
  if (identified) {
    ok = claim(reader, node, model::key_of(config), label) && ok;
  }
  if (ok && fields.ok) {
    ok = claim_default(reader, node, config, label);
  }
  if (ok && fields.ok) {
    m_desired.resources.provider_configs.push_back(std::move(config));
  }
}

bool DesiredBuilder::claim_default(NodeReader &reader, const YamlNode &node,
                                   const model::ProviderConfig &config, const std::string &label) {
  auto it = config.fields.find("default_config");
  if (it == config.fields.end() || !it->second.is_bool() || !it->second.as_bool()) {
    return true;
  }
  // The API keeps one default per provider: a second one demotes the first, and the next
  // plan would want it back, forever.
  const model::Origin here = reader.origin(node);
  auto [first, inserted] =
      m_defaults.emplace(std::pair(config.gateway_id, config.provider_slug), here);
  if (inserted) {
    return true;
  }
  const std::string where = first->second.file == here.file
                                ? "line " + std::to_string(first->second.line)
                                : first->second.to_string();
  reader.error(node, label + " sets 'default_config: true', but so does the config at " + where +
                         "; a gateway has one default config per provider_slug");
  return false;
}

void DesiredBuilder::read_route(NodeReader &reader, const YamlNode &node,
                                const std::string &gateway) {
  auto entries = reader.mapping(node, "route");
  if (!entries) {
    return;
  }
  model::Route route;
  route.gateway_id = gateway;
  route.origin = reader.origin(node);
  bool ok = reader.check_required(node, *entries, k_route_required, "route");
  for (const auto &e : *entries) {
    ok = reader.check_known(e, k_route_keys, "route") && ok;
  }
  // A name is claimed whatever else is wrong with the route, so a duplicate is reported in
  // the same run as the other errors.
  bool identified = find(*entries, "name") != nullptr;
  route.name = identity_of(reader, *entries, "name", std::nullopt, &identified);
  ok = ok && identified;
  route.protect = read_protect(reader, *entries, &ok);
  route.renamed_from = read_renamed_from(reader, *entries, route.name, &ok);
  if (const YamlNode *elements = find(*entries, "elements")) {
    auto parsed = read_route_elements(reader, *elements, route.name);
    ok = ok && parsed.has_value();
    if (parsed) {
      route.elements = std::move(*parsed);
    }
  }
  if (identified) {
    ok = claim(reader, node, model::key_of(route),
               "route " + quoted(route.name) + " of gateway " + quoted(gateway)) &&
         ok;
  }
  if (ok) {
    m_desired.resources.routes.push_back(std::move(route));
  }
}

void DesiredBuilder::read_billing(NodeReader &reader, const YamlNode &node) {
  m_desired.billing_declared = true;
  if (node.IsNull()) {
    return;
  }
  auto entries = reader.mapping(node, "billing");
  if (!entries) {
    return;
  }
  for (const auto &e : *entries) {
    if (!reader.check_known(e, billing_keys(), "billing")) {
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
