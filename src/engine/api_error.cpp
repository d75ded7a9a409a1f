#include "engine/api_error.h"

namespace aigw::engine {

std::string ApiError::to_string() const {
  std::string out;
  if (!method.empty()) {
    out += method + " " + path + ": ";
  }
  switch (kind) {
  case Kind::network: out += "network error"; break;
  case Kind::timeout: out += "timed out"; break;
  case Kind::decode: out += "unexpected response"; break;
  case Kind::outcome_unknown: out += "outcome unknown (request sent, response lost)"; break;
  case Kind::config: out += "client configuration error"; break;
  case Kind::http:
  case Kind::not_found: out += "HTTP " + std::to_string(status); break;
  }
  for (const auto& e : errors) {
    out += ": [" + std::to_string(e.code) + "] " + e.message;
  }
  if (!message.empty()) {
    out += ": " + message;
  }
  return out;
}

} // namespace aigw::engine
