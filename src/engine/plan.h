#pragma once
// Plan: the ordered changes that take live state to desired state, plus what apply needs
// to detect a stale plan.

#include "engine/change.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aigw::engine {

/// A hash of one live object the plan read, keyed by its address, for stale-plan checks.
/// An absent object is recorded with hash "absent".
struct Fingerprint {
  std::string address; ///< same form as Change::address()
  std::string hash;    ///< hex digest of the object's normalised JSON
};

/// A live object in scope that the configuration does not declare and this plan leaves
/// alone (prune off, or an object prune never deletes), with why.
struct NotManaged {
  std::string address; ///< same form as Change::address()
  std::string reason;
};

struct PlanCounts {
  std::size_t create = 0;
  std::size_t update = 0; ///< includes route version deploys and redeploys
  std::size_t remove = 0;
  std::size_t cannot_fix = 0;
};

struct Plan {
  std::string account_id;
  /// In dependency order: every change comes after all of its depends_on.
  std::vector<Change> changes;
  std::vector<Fingerprint> fingerprints;
  std::vector<std::string> warnings;
  /// Undeclared live objects the plan leaves in place, sorted by address.
  std::vector<NotManaged> not_managed;
  std::uint64_t api_requests = 0; ///< requests made to read live state
  /// What was read to make the plan, so apply of a saved plan can re-read the same.
  std::vector<std::string> read_gateways;
  bool read_billing = false;

  [[nodiscard]] PlanCounts counts() const;
  /// True when apply has anything to do (cannot_fix changes alone do not count).
  [[nodiscard]] bool has_changes() const;
};

} // namespace aigw::engine
