#pragma once
// Writing a desired state as the YAML a person would write (aigw export). yaml-cpp stays
// in config/: the engine produces the model::Desired, this turns it into text.
//
// Credentials are references, never values: a provider config's `secret` is written as
// `${secret_env}`, and the strings at a gateway's `otel[].authorization` and
// `stripe.authorization` are variable names, written as `${NAME}`, like a custom
// provider's `headers` (`${headers_env}`). Any other string that
// contains `${` is escaped (`$${`) so it reads back unchanged.

#include "model/resources.h"

#include <string>
#include <vector>

namespace aigw::config {

/// One file of an export, its path relative to the export directory.
struct ExportedFile {
  std::string path; ///< "aigw.yaml", "gateways/ID.yaml", "billing.yaml", "custom_providers.yaml"
  std::string text;
};

/// The schema modeline every exported file starts with: a URL yaml-language-server can
/// fetch (the raw file, not GitHub's HTML page), wherever the export is written. Offline,
/// point it at the installed copy, /usr/share/aigw/schemas/aigw.schema.json (docs/reconcile.md).
inline constexpr const char* k_schema_modeline =
    "# yaml-language-server: "
    "$schema=https://raw.githubusercontent.com/aigw/aigw/main/schemas/aigw.schema.json";

/// The export as files: aigw.yaml (account_id from ${CLOUDFLARE_ACCOUNT_ID}, scope), one
/// gateways/ID.yaml per gateway with its children, billing.yaml when billing is set, and
/// custom_providers.yaml when custom providers are declared.
[[nodiscard]] std::vector<ExportedFile> write_export_files(const model::Desired& desired);

/// The whole export as one YAML document (what `aigw export` prints without --out).
[[nodiscard]] std::string write_export_document(const model::Desired& desired);

} // namespace aigw::config
