#include "emulator/timestamp.h"

#include <cctype>
#include <ctime>

namespace aigw::emulator {

namespace {

// Reads exactly `digits` decimal digits at `at`.
std::optional<int> number_at(std::string_view text, std::size_t at, std::size_t digits) {
  if (at + digits > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = at; i < at + digits; ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : k_days[month - 1];
}

} // namespace

std::optional<std::int64_t> parse_timestamp_ms(std::string_view text) {
  const auto year = number_at(text, 0, 4);
  const auto month = number_at(text, 5, 2);
  const auto day = number_at(text, 8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-' || *month < 1 || *month > 12 ||
      *day < 1 || *day > days_in_month(*year, *month)) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  std::int64_t millis = 0;
  std::int64_t offset_minutes = 0;
  if (text.size() > 10) {
    if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') {
      return std::nullopt;
    }
    const auto hour = number_at(text, 11, 2);
    const auto minute = number_at(text, 14, 2);
    const auto second = number_at(text, 17, 2);
    if (!hour || !minute || !second || text[13] != ':' || text[16] != ':' || *hour > 23 ||
        *minute > 59 || *second > 60) {
      return std::nullopt;
    }
    tm.tm_hour = *hour;
    tm.tm_min = *minute;
    tm.tm_sec = *second;
    std::size_t at = 19;
    if (at < text.size() && text[at] == '.') {
      std::size_t digits = 0;
      std::int64_t scale = 100;
      for (++at; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) != 0; ++at) {
        millis += (text[at] - '0') * scale;
        scale /= 10;
        ++digits;
      }
      if (digits == 0) {
        return std::nullopt;
      }
    }
    if (at == text.size()) {
      return std::nullopt; // a date-time needs its zone
    }
    if (text[at] == 'Z' || text[at] == 'z') {
      if (at + 1 != text.size()) {
        return std::nullopt;
      }
    } else if (text[at] == '+' || text[at] == '-') {
      const auto zone_hour = number_at(text, at + 1, 2);
      const auto zone_minute = number_at(text, at + 4, 2);
      if (!zone_hour || !zone_minute || text[at + 3] != ':' || at + 6 != text.size()) {
        return std::nullopt;
      }
      offset_minutes = (*zone_hour * 60 + *zone_minute) * (text[at] == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  const std::int64_t seconds = static_cast<std::int64_t>(timegm(&tm)) - offset_minutes * 60;
  return seconds * 1000 + millis;
}

} // namespace aigw::emulator
