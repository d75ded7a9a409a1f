#pragma once
// Configuration diagnostics as validate and plan print them on stderr: each one, then its
// source line and a caret; and, inside GitHub Actions, a workflow command per diagnostic so
// the error shows inline on the pull request's diff.

#include "config/diagnostic.h"
#include "config/loader.h"

#include <string>
#include <vector>

namespace aigw::cli {

/// `file:line:column: error: message`, then the source line and a caret under the column
/// (never a line that may hold a literal secret), the line taken from `sources`, the text
/// the diagnostics were found in (never re-read from disk). Redacted.
void print_diagnostics(const std::vector<config::Diagnostic>& diagnostics,
                       const std::vector<config::SourceFile>& sources);

/// True when running as a GitHub Actions step (GITHUB_ACTIONS=true).
[[nodiscard]] bool in_github_actions();

/// `::error file=F,line=L,col=C::message`, the GitHub Actions workflow command, with the
/// message and properties escaped as the runner expects.
[[nodiscard]] std::string github_annotation(const config::Diagnostic& diagnostic);

} // namespace aigw::cli
