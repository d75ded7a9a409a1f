#include "engine/plan_error.h"

namespace aigw::engine {

std::string PlanError::to_string() const {
  std::string out = message;
  for (const auto& detail : details) {
    out += "\n  " + detail;
  }
  return out;
}

} // namespace aigw::engine
