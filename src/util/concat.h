#pragma once
// Text joined from pieces in one allocation. Also the way around a GCC 12 false positive:
// `"literal" + std::string(...)` (operator+ with an rvalue string on the right) raises
// -Wrestrict at -O3 (GCC bug 105329, fixed in GCC 13), and warnings are errors in CI.

#include <string>
#include <string_view>

namespace aigw {

template <typename... Pieces> [[nodiscard]] std::string concat(const Pieces&... pieces) {
  std::string out;
  out.reserve((std::string_view(pieces).size() + ... + 0));
  (out.append(std::string_view(pieces)), ...);
  return out;
}

} // namespace aigw
