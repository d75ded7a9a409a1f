#pragma once
// SourceFile: one desired-state file as read, path and text. The loader reads them; a saved
// plan carries them, so that apply loads the very desired state the plan was made from.

#include <string>

namespace aigw::model {

struct SourceFile {
  std::string path;
  std::string text;
  friend bool operator==(const SourceFile&, const SourceFile&) = default;
};

} // namespace aigw::model
