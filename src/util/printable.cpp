#include "util/printable.h"

#include "util/secret.h"

#include <cctype>
#include <cstdio>

namespace aigw {
namespace {

void append_escape(std::string& out, const char* format, unsigned value) {
  char buf[8];
  std::snprintf(buf, sizeof buf, format, value);
  out += buf;
}

} // namespace

bool has_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      return true;
    }
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      return true;
    }
  }
  return false;
}

bool has_escape_sequence(std::string_view text) {
  const auto hex_run = [&](std::size_t from, std::size_t count) {
    if (from + count > text.size()) {
      return false;
    }
    for (std::size_t i = from; i < from + count; ++i) {
      if (std::isxdigit(static_cast<unsigned char>(text[i])) == 0) {
        return false;
      }
    }
    return true;
  };
  for (auto at = text.find('\\'); at != std::string_view::npos; at = text.find('\\', at + 1)) {
    if (at + 1 < text.size() && ((text[at + 1] == 'x' && hex_run(at + 2, 2)) ||
                                 (text[at + 1] == 'u' && hex_run(at + 2, 4)))) {
      return true;
    }
  }
  return false;
}

std::string escaped_name(std::string name) {
  if (!has_control_character(name) && !has_escape_sequence(name)) {
    return name;
  }
  std::string out;
  for (const char c : name) {
    if (c == '\\') {
      out += "\\x5c";
    } else {
      out += c;
    }
  }
  return escape_control_characters(out);
}

std::string escape_control_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      append_escape(out, "\\x%02x", c);
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      // A C1 control in UTF-8: U+009B is a one-character CSI to some terminals.
      append_escape(out, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string truncate_text(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return std::string(text);
  }
  std::size_t cut = max_bytes;
  // Step back over UTF-8 continuation bytes so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) {
    --cut;
  }
  return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size() - cut) +
         " more bytes)";
}

std::string printable(std::string_view text, std::size_t max_bytes) {
  return truncate_text(escape_control_characters(Redactor::global().redact(text)), max_bytes);
}

} // namespace aigw
