#include "engine/billing_diff.h"

#include "engine/diff.h"
#include "engine/field_diff.h"

#include <optional>

namespace aigw::engine {
namespace {

/// One singleton's change, if any. `declared` is the desired fields (nullopt: not
/// declared), `live` the live fields (nullopt: none set), `remove_if_undeclared` whether an
/// undeclared live singleton goes.
std::optional<Change> singleton_change(model::ResourceKind kind,
                                       const std::optional<model::Object>& declared,
                                       const std::optional<model::Object>& live,
                                       bool remove_if_undeclared) {
  Change change;
  change.resource = kind;
  change.billing = true;
  if (declared && !live) {
    change.kind = ChangeKind::create;
    change.body = create_body(kind, *declared);
    change.diff = describe_new(kind, change.body);
    return change;
  }
  if (declared && live) {
    change.diff = diff_declared(kind, *declared, *live);
    if (change.diff.empty()) {
      return std::nullopt;
    }
    change.kind = ChangeKind::update;
    change.body = update_body(kind, *live, *declared);
    return change;
  }
  if (!declared && live && remove_if_undeclared) {
    change.kind = ChangeKind::remove;
    return change;
  }
  return std::nullopt;
}

} // namespace

std::vector<Change> compute_billing_diff(const model::Desired& desired, const LiveState& live,
                                         bool prune) {
  std::vector<Change> out;
  if (!desired.billing_declared) {
    return out;
  }
  const auto& want = desired.resources;
  const auto& have = live.resources;
  auto fields_of = [](const auto& singleton) -> std::optional<model::Object> {
    if (!singleton) {
      return std::nullopt;
    }
    return singleton->fields;
  };
  if (auto c = singleton_change(model::ResourceKind::spending_limit, fields_of(want.spending_limit),
                                fields_of(have.spending_limit),
                                prune || desired.spending_limit_absent)) {
    out.push_back(std::move(*c));
  }
  if (auto c = singleton_change(model::ResourceKind::auto_topup, fields_of(want.auto_topup),
                                fields_of(have.auto_topup), prune || desired.auto_topup_absent)) {
    out.push_back(std::move(*c));
  }
  return out;
}

} // namespace aigw::engine
