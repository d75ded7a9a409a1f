#include "config/credential_references.h"

#include "config/interpolate.h"
#include "util/secret.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace aigw::config {
namespace {

constexpr std::array<std::string_view, 3> k_api_credentials = {
    "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL"};

/// The variables a raw scalar refers to (none for a literal).
std::vector<std::string> references(const YamlNode &node) {
  if (!node.IsDefined() || !node.IsScalar()) {
    return {};
  }
  return interpolate(node.Scalar(), [](const std::string &) {
           return std::optional<std::string>(std::string());
         }).variables;
}

class Checker {
public:
  explicit Checker(NodeReader &reader) : m_reader(reader) {}

  /// A credential that may be literal (header values live in Git anyway) but never names
  /// the API's own credentials. A value it reads from the environment is a secret whatever
  /// its length: registered with the redactor, so no error or log can echo it.
  void any_reference(const YamlNode &node, const std::string &what) {
    for (const auto &name : references(node)) {
      if (std::find(k_api_credentials.begin(), k_api_credentials.end(), name) !=
          k_api_credentials.end()) {
        m_reader.secret_error(node, "'" + what + "' must not use '" + name +
                                        "': the API's own credentials are never sent as data");
        m_ok = false;
        return;
      }
      // The loader's own lookup, not the process environment: a saved plan's apply and
      // the tests resolve variables through it.
      if (const auto value = m_reader.env()(name); value && !value->empty()) {
        Redactor::global().add(*value);
      }
    }
  }

  /// A credential that must come from the environment.
  void reference(const YamlNode &node, const std::string &what) {
    if (!node.IsDefined() || !node.IsScalar()) {
      return; // the shape check reports a non-string
    }
    if (references(node).empty()) {
      m_reader.secret_error(node, "'" + what + "' must come from the environment: write '" +
                                      what + ": ${NAME}' (or 'Bearer ${NAME}'; a literal "
                                      "credential in a file is refused)");
      m_ok = false;
      return;
    }
    any_reference(node, what);
  }

  [[nodiscard]] bool ok() const { return m_ok; }

private:
  NodeReader &m_reader;
  bool m_ok = true;
};

} // namespace

bool check_credential_references(NodeReader &reader, const std::vector<Entry> &gateway) {
  Checker check(reader);
  for (const auto &e : gateway) {
    if (e.key == "otel" && e.value.IsSequence()) {
      for (const auto &exporter : e.value) {
        if (!exporter.IsMap()) {
          continue;
        }
        check.reference(exporter["authorization"], "authorization");
        // A missing key reads as an invalid node, whose type yaml-cpp throws for asking.
        if (const auto headers = exporter["headers"]; headers.IsDefined() && headers.IsMap()) {
          for (const auto &header : headers) {
            check.any_reference(header.second, "headers");
          }
        }
      }
    } else if (e.key == "stripe" && e.value.IsMap()) {
      check.reference(e.value["authorization"], "authorization");
    } else if (e.key == "provider_configs" && e.value.IsSequence()) {
      for (const auto &config : e.value) {
        if (config.IsMap()) {
          check.any_reference(config["secret"], "secret");
        }
      }
    }
  }
  return check.ok();
}

} // namespace aigw::config
