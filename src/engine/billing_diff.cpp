#include "engine/billing_diff.h"

#include "engine/diff.h"
#include "engine/field_diff.h"
#include "model/kind_spec.h"

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

BillingDiff compute_billing_diff(const model::Desired& desired, const LiveState& live) {
  BillingDiff out;
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
  auto one = [&](model::ResourceKind kind, const std::optional<model::Object>& declared,
                 const std::optional<model::Object>& present, bool absent) {
    if (auto c = singleton_change(kind, declared, present, absent)) {
      out.changes.push_back(std::move(*c));
    } else if (!declared && !absent && present) {
      const auto& spec = model::kind_spec(kind);
      out.not_managed.push_back(
          {std::string(spec.name),
           "not declared; billing settings are account-wide, so prune never deletes one (`" +
               std::string(spec.yaml_key) + ": null` removes it)"});
    }
  };
  one(model::ResourceKind::spending_limit, fields_of(want.spending_limit),
      fields_of(have.spending_limit), desired.spending_limit_absent);
  one(model::ResourceKind::auto_topup, fields_of(want.auto_topup), fields_of(have.auto_topup),
      desired.auto_topup_absent);
  return out;
}

} // namespace aigw::engine
