#include "render/plan_json.h"

#include "engine/safety.h"
#include "render/change_words.h"
#include "render/json_value.h"
#include "render/pretty_json.h"
#include "util/secret.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace aigw::render {
namespace {

boost::json::value field_value(const std::optional<model::Value>& value, bool sensitive) {
  if (sensitive) {
    return boost::json::string(Secret::k_mask);
  }
  return to_json(*value);
}

boost::json::object change_object(const engine::Change& change, std::size_t index) {
  boost::json::object o;
  o["index"] = index;
  o["address"] = change.address();
  o["action"] = change_kind_name(change.kind);
  o["symbol"] = change_symbol(change.kind);
  o["resource"] = model::resource_kind_name(change.resource);
  o["gateway_id"] = change.gateway_id;
  o["key"] = change.resource_key().local();
  o["server_id"] = change.server_id;
  if (!change.version_id.empty()) {
    o["version_id"] = change.version_id;
  }
  o["reason"] = change.reason;
  o["billing"] = change.billing;
  o["cascade"] = change.cascade;
  if (change.impact) {
    const auto& impact = *change.impact;
    boost::json::object i;
    i["window"] = impact.window;
    i["known"] = impact.known;
    if (impact.known) {
      i["requests"] = impact.requests;
      i["errors"] = impact.errors;
      i["error_rate"] = impact.requests == 0 ? 0.0
                                             : static_cast<double>(impact.errors) /
                                                   static_cast<double>(impact.requests);
      if (impact.route_requests) {
        i["route_requests"] = *impact.route_requests;
      }
    }
    o["impact"] = std::move(i);
  }
  boost::json::array depends_on;
  for (std::size_t d : change.depends_on) {
    depends_on.push_back(d);
  }
  o["depends_on"] = std::move(depends_on);
  boost::json::array diff;
  for (const auto& field : change.diff) {
    boost::json::object f;
    f["path"] = field.path;
    if (field.old_value) {
      f["old"] = field_value(field.old_value, field.sensitive);
    }
    // A sensitive field being set carries no value at all; it is still an addition.
    if (field.new_value || (field.sensitive && !field.old_value)) {
      f["new"] = field_value(field.new_value, field.sensitive);
    }
    f["sensitive"] = field.sensitive;
    diff.push_back(std::move(f));
  }
  o["diff"] = std::move(diff);
  return o;
}

} // namespace

std::string render_plan_json(const engine::Plan& plan) {
  const auto counts = plan.counts();
  boost::json::object summary;
  summary["create"] = counts.create;
  summary["update"] = counts.update;
  summary["delete"] = counts.remove;
  summary["cannot_fix"] = counts.cannot_fix;
  summary["billing"] = billing_count(plan);

  boost::json::array changes;
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    changes.push_back(change_object(plan.changes[i], i));
  }
  boost::json::array warnings;
  for (const auto& warning : plan.warnings) {
    warnings.push_back(boost::json::string(warning));
  }
  boost::json::object root;
  root["format_version"] = k_plan_json_version;
  root["account_id"] = plan.account_id;
  root["has_changes"] = plan.has_changes();
  root["drift"] = !plan.changes.empty();
  root["summary"] = std::move(summary);
  root["changes"] = std::move(changes);
  root["warnings"] = std::move(warnings);
  boost::json::array not_managed;
  for (const auto& item : plan.not_managed) {
    not_managed.push_back(boost::json::object{{"address", item.address}, {"reason", item.reason}});
  }
  root["not_managed"] = std::move(not_managed);
  boost::json::array required_env;
  for (const auto& variable : engine::required_variables(plan)) {
    required_env.push_back(boost::json::object{{"name", variable.name}, {"set", variable.set}});
  }
  root["required_env"] = std::move(required_env);
  root["api_requests"] = plan.api_requests;
  return Redactor::global().redact(pretty_json(root));
}

} // namespace aigw::render
