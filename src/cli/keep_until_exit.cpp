#include "cli/keep_until_exit.h"

#include <mutex>
#include <vector>

namespace aigw::cli::detail {

void hold_until_exit(std::shared_ptr<void> object) {
  // Never destroyed (a static vector would free everything again at exit); the pointer
  // itself is static, which keeps what it holds reachable for LeakSanitizer.
  static auto* held = new std::vector<std::shared_ptr<void>>();
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  held->push_back(std::move(object));
}

} // namespace aigw::cli::detail
