#include "cli/rate_limit_progress.h"

#include "model/value.h"
#include "render/change_words.h"
#include "util/concat.h"
#include "util/log.h"

#include <utility>

namespace aigw::cli {

RateLimitProgress::RateLimitProgress(Options options) : m_options(std::move(options)) {}

std::string RateLimitProgress::message(const cloudflare::RateLimitWait& wait) const {
  const auto seconds = wait.remaining.count();
  const std::string left = seconds >= 120 ? "about " + std::to_string((seconds + 59) / 60) + " min"
                                          : "about " + std::to_string(seconds) + " s";
  return "waiting on the rate limit (" + model::number_text(m_options.rate_limit) +
         " requests per 5 minutes, --rate-limit): " +
         render::counted(static_cast<std::size_t>(wait.done), "request") + " done, " +
         std::to_string(wait.waiting) + " waiting, " + left + " left";
}

void RateLimitProgress::update(const cloudflare::RateLimitWait& wait) {
  std::lock_guard lock(m_mutex);
  const auto now = m_options.now();
  if (m_options.terminal) {
    if (wait.waiting == 0) {
      if (m_line_shown) {
        m_options.write("\r\x1b[K");
        m_line_shown = false;
      }
      return;
    }
    m_options.write(concat("\r", message(wait), "\x1b[K"));
    m_line_shown = true;
    return;
  }
  if (wait.waiting == 0 || (m_printed_once && now - m_last < m_options.interval)) {
    return;
  }
  m_printed_once = true;
  m_last = now;
  if (m_options.json) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    m_options.write("{\"ts_ms\":" + std::to_string(ms) + ",\"level\":\"info\",\"msg\":\"" +
                    json_escape(message(wait)) + "\"}\n");
  } else {
    m_options.write("aigw: " + message(wait) + "\n");
  }
}

} // namespace aigw::cli
