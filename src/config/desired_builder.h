#pragma once
// DesiredBuilder: reads the documents of every file into one model::Desired, reporting
// keys declared in two places (a resource, or a top-level setting) with both locations.

#include "config/node_reader.h"
#include "model/resource_key.h"
#include "model/resources.h"

#include <map>
#include <string>
#include <utility>

namespace aigw::config {

class DesiredBuilder {
public:
  /// Reads one file's root node (a mapping, or null for an empty file).
  void add_document(NodeReader &reader, const YamlNode &root);
  /// The merged desired state.
  [[nodiscard]] model::Desired &desired() { return m_desired; }
  /// Once every file is read: reports each declared gateway whose id `scope` does not
  /// match (no network needed to know the run could not manage it).
  void check_scope(std::vector<Diagnostic> &out) const;

private:
  void read_gateway(NodeReader &reader, const YamlNode &node);
  void read_dataset(NodeReader &reader, const YamlNode &node, const std::string &gateway);
  void read_provider_config(NodeReader &reader, const YamlNode &node, const std::string &gateway);
  void read_route(NodeReader &reader, const YamlNode &node, const std::string &gateway);
  void read_billing(NodeReader &reader, const YamlNode &node);
  void read_custom_provider(NodeReader &reader, const YamlNode &node);
  void read_scope(NodeReader &reader, const YamlNode &node);
  void read_account_id(NodeReader &reader, const Entry &entry);
  /// Reports a second `default_config: true` for one provider_slug of one gateway.
  bool claim_default(NodeReader &reader, const YamlNode &node,
                     const model::ProviderConfig &config, const std::string &label);
  /// Remembers where a resource was declared; reports it when seen before. False on a clash.
  bool claim(NodeReader &reader, const YamlNode &node, const model::ResourceKey &key,
             const std::string &label);
  /// The same for a top-level setting (`prune`, `scope`, ...), which one file may set.
  bool claim_setting(NodeReader &reader, const YamlNode &node, const std::string &name,
                     const std::string &label);

  model::Desired m_desired;
  std::map<model::ResourceKey, model::Origin> m_declared;
  std::map<std::string, model::Origin> m_settings;
  model::Origin m_account_origin; ///< where account_id was first set
  model::Origin m_scope_origin;   ///< where `scope` is set
  bool m_scope_ok = false;        ///< `scope` was read without an error
  /// Each gateway id read, and where its `id` value is.
  std::vector<std::pair<std::string, model::Origin>> m_gateway_ids;
  /// (gateway, provider_slug) -> where its first `default_config: true` is.
  std::map<std::pair<std::string, std::string>, model::Origin> m_defaults;
};

} // namespace aigw::config
