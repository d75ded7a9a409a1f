#include "util/shell_quote.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace aigw {
namespace {

bool is_plain(char c) {
  constexpr std::string_view k_plain_punctuation = "_./:=@%+,-";
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         k_plain_punctuation.find(c) != std::string_view::npos;
}

} // namespace

std::string shell_quote(const std::string& word) {
  if (!word.empty() && std::all_of(word.begin(), word.end(), is_plain)) {
    return word;
  }
  std::string out = "'";
  for (const char c : word) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

std::string shell_command(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) {
      out += ' ';
    }
    out += shell_quote(word);
  }
  return out;
}

} // namespace aigw
