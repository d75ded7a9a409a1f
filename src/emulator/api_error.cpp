#include "emulator/api_error.h"

#include <utility>

namespace aigw::emulator {

ApiError invalid_request(std::string message) {
  return {400, codes::k_invalid_request, std::move(message)};
}

ApiError not_found(std::string message) {
  return {404, codes::k_not_found, std::move(message)};
}

ApiError conflict(std::string message) { return {409, codes::k_conflict, std::move(message)}; }

} // namespace aigw::emulator
