#pragma once
// Leaving a command's large results to the end of the process instead of freeing them.

#include <memory>
#include <utility>

namespace aigw::cli {
namespace detail {
/// Holds `object` until the process ends, never destroying it.
void hold_until_exit(std::shared_ptr<void> object);
} // namespace detail

/// Moves `object` to the heap and never destroys it; the kernel takes its memory back when
/// the process ends. A plan of 1,000 gateways holds a desired and a live state of tens of
/// thousands of allocations: freeing them one by one after the result is printed is wall
/// time no one waits for. Held from a static, so LeakSanitizer sees it as reachable, not
/// leaked. For a command's last step only (a long-running caller would grow without bound).
template <class T> T& keep_until_exit(T&& object) {
  auto kept = std::make_shared<T>(std::forward<T>(object));
  T& ref = *kept;
  detail::hold_until_exit(std::move(kept));
  return ref;
}

} // namespace aigw::cli
