#include "cli/end_process.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define AIGW_LEAK_CHECK 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(AIGW_LEAK_CHECK)
#define AIGW_LEAK_CHECK 1
#endif
#if defined(AIGW_LEAK_CHECK)
#include <sanitizer/lsan_interface.h>
#endif

namespace aigw::cli {

void end_process_now(int code) {
  std::cout.flush();
  std::cerr.flush();
  spdlog::default_logger_raw()->flush();
  std::fflush(nullptr);
#if defined(AIGW_LEAK_CHECK)
  __lsan_do_leak_check(); // std::_Exit skips the check LeakSanitizer runs at exit
#endif
  std::_Exit(code);
}

} // namespace aigw::cli
