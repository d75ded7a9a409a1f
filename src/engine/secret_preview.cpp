#include "engine/secret_preview.h"

namespace aigw::engine {
namespace {

bool is_mask(char c) {
  return c == '*' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

} // namespace

bool preview_contradicts(std::string_view preview, const Secret& desired) {
  std::size_t first = 0;
  while (first < preview.size() && !is_mask(preview[first])) {
    ++first;
  }
  if (first == preview.size()) {
    // No mask at all: the preview is the whole value (or nothing was shown).
    return !preview.empty() && preview != desired.reveal();
  }
  std::size_t last = preview.size();
  while (last > 0 && !is_mask(preview[last - 1])) {
    --last;
  }
  // Only a yes/no leaves this function: the secret itself is never copied or shown.
  const std::string_view secret = desired.reveal();
  const std::string_view head = preview.substr(0, first);
  const std::string_view tail = preview.substr(last);
  if (head.size() + tail.size() > secret.size()) {
    return true;
  }
  return !secret.starts_with(head) || !secret.ends_with(tail);
}

} // namespace aigw::engine
