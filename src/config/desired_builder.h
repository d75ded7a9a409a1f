#pragma once
// DesiredBuilder: reads the documents of every file into one model::Desired, reporting
// keys declared in two places (a resource, or a top-level setting) with both locations.

#include "config/node_reader.h"
#include "model/resources.h"

#include <map>
#include <string>

namespace aigw::config {

class DesiredBuilder {
public:
  /// Reads one file's root node (a mapping, or null for an empty file).
  void add_document(NodeReader &reader, const YAML::Node &root);
  /// The merged desired state.
  [[nodiscard]] model::Desired &desired() { return m_desired; }

private:
  void read_gateway(NodeReader &reader, const YAML::Node &node);
  void read_dataset(NodeReader &reader, const YAML::Node &node, const std::string &gateway);
  void read_provider_config(NodeReader &reader, const YAML::Node &node, const std::string &gateway);
  void read_route(NodeReader &reader, const YAML::Node &node, const std::string &gateway);
  void read_billing(NodeReader &reader, const YAML::Node &node);
  void read_scope(NodeReader &reader, const YAML::Node &node);
  void read_account_id(NodeReader &reader, const Entry &entry);
  /// Reports a second `default_config: true` for one provider_slug of one gateway.
  bool claim_default(NodeReader &reader, const YAML::Node &node,
                     const model::ProviderConfig &config, const std::string &label);
  /// Remembers where `identity` was declared; reports it when seen before. False on a clash.
  bool claim(NodeReader &reader, const YAML::Node &node, const std::string &identity,
             const std::string &label);

  model::Desired m_desired;
  std::map<std::string, model::Origin> m_declared;
  model::Origin m_account_origin;                  ///< where account_id was first set
  std::map<std::string, model::Origin> m_defaults; ///< "gateway/slug" -> first default

};

} // namespace aigw::config
