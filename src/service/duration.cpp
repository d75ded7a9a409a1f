#include "service/duration.h"

#include <cctype>
#include <cstdint>
#include <string>

namespace aigw::service {

Result<std::chrono::milliseconds> parse_duration(std::string_view text) {
  const auto invalid = [&text] {
    return Error{"invalid duration '" + std::string(text) +
                 "': expected a number and a unit (ms, s, m, h), such as 30s, 5m, 1h or 1h30m"};
  };
  if (text.empty()) {
    return invalid();
  }
  std::int64_t total = 0;
  std::size_t i = 0;
  int last_rank = 5; // units must come largest first, each at most once
  while (i < text.size()) {
    std::int64_t amount = 0;
    const std::size_t digits_start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      if (amount > 1'000'000'000) {
        return invalid();
      }
      amount = amount * 10 + (text[i] - '0');
      ++i;
    }
    if (i == digits_start) {
      return invalid();
    }
    std::int64_t unit_ms = 0;
    int rank = 0;
    if (text.substr(i, 2) == "ms") {
      unit_ms = 1;
      rank = 1;
      i += 2;
    } else if (i < text.size() && text[i] == 's') {
      unit_ms = 1000;
      rank = 2;
      ++i;
    } else if (i < text.size() && text[i] == 'm') {
      unit_ms = 60'000;
      rank = 3;
      ++i;
    } else if (i < text.size() && text[i] == 'h') {
      unit_ms = 3'600'000;
      rank = 4;
      ++i;
    } else {
      return invalid();
    }
    if (rank >= last_rank) {
      return invalid();
    }
    last_rank = rank;
    total += amount * unit_ms;
    if (total > std::int64_t{366} * 24 * 3'600'000) {
      return Error{"duration '" + std::string(text) + "' is longer than a year"};
    }
  }
  if (total <= 0) {
    return Error{"duration '" + std::string(text) + "' must be more than zero"};
  }
  return std::chrono::milliseconds(total);
}

} // namespace aigw::service
