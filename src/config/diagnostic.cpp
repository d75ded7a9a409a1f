#include "config/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace aigw::config {

std::string Diagnostic::to_string() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + severity + ": " +
         message;
}

model::Value Diagnostic::to_value() const {
  return model::Object{{"file", file},
                       {"line", line},
                       {"column", column},
                       {"severity", severity},
                       {"message", message}};
}

void sort_diagnostics(std::vector<Diagnostic> &diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic &a, const Diagnostic &b) {
                     return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
                   });
}

} // namespace aigw::config
