#include "engine/apply_recovery.h"

namespace aigw::engine {

bool is_outcome_unknown(const ApiError& error) {
  return error.kind == ApiError::Kind::outcome_unknown || error.kind == ApiError::Kind::timeout ||
         error.kind == ApiError::Kind::network;
}

ApiError apply_error(std::string message) {
  ApiError error;
  error.kind = ApiError::Kind::decode;
  error.message = std::move(message);
  return error;
}

} // namespace aigw::engine
