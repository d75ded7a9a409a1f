#include "engine/custom_provider_diff.h"

#include "engine/diff.h"
#include "engine/field_diff.h"
#include "model/resource_key.h"
#include "util/concat.h"

#include <map>
#include <set>
#include <string>

namespace aigw::engine {
namespace {

using model::ResourceKind;

const char* k_undeclared = "not declared; prune would delete it";
const char* k_replace_reason = "the API cannot update a custom provider: delete it, then create it";

Change make_change(ChangeKind kind, const std::string& slug) {
  Change change;
  change.kind = kind;
  change.resource = ResourceKind::custom_provider;
  change.key = {slug};
  return change;
}

/// The create call's body (slug included), with `headers` travelling in Change::secret.
void set_create(Change& change, const model::CustomProvider& want) {
  change.body = create_body(ResourceKind::custom_provider, want.fields);
  change.body.erase("headers");
  change.body["slug"] = want.slug;
  if (want.headers || !want.headers_env.empty()) {
    // Unset here is fine (a pull-request plan); apply refuses to create without it.
    change.secret = want.headers;
    change.secret_env = want.headers_env;
  }
}

/// True when the configured headers are known and differ from the live ones.
bool headers_changed(const model::CustomProvider& want, const model::CustomProvider& have) {
  if (!want.headers) {
    return false;
  }
  auto it = have.fields.find("headers");
  const std::string live = it != have.fields.end() && it->second.is_string() ? it->second.as_string() : "";
  return live != want.headers->reveal();
}

} // namespace

CustomProviderDiff compute_custom_provider_diff(const model::Desired& desired,
                                                const LiveState& live, bool prune) {
  CustomProviderDiff out;
  if (!desired.custom_providers_declared) {
    return out;
  }
  std::map<std::string, const model::CustomProvider*> by_slug;
  for (const auto& p : live.resources.custom_providers) {
    by_slug.emplace(p.slug, &p);
  }
  std::set<std::string> declared;
  for (const auto& want : desired.resources.custom_providers) {
    declared.insert(want.slug);
    auto it = by_slug.find(want.slug);
    if (it == by_slug.end()) {
      Change change = make_change(ChangeKind::create, want.slug);
      set_create(change, want);
      change.diff = describe_new(ResourceKind::custom_provider, change.body);
      if (!change.secret_env.empty()) {
        change.diff.push_back({"headers", std::nullopt, std::nullopt, true});
      }
      out.changes.push_back(std::move(change));
      continue;
    }
    if (!want.headers && !want.headers_env.empty()) {
      out.warnings.push_back(concat("`", want.headers_env,
                                    "` is not set, so the headers of custom provider ", want.slug,
                                    " were not compared with live (a changed value shows only in "
                                    "a plan made with it set)"));
    }
    auto diff = diff_declared(ResourceKind::custom_provider, want.fields, it->second->fields);
    if (headers_changed(want, *it->second)) {
      diff.push_back({"headers", model::Value(), model::Value(), true});
    }
    if (diff.empty()) {
      continue;
    }
    Change change = make_change(ChangeKind::replace, want.slug);
    change.server_id = it->second->server_id;
    set_create(change, want);
    change.diff = std::move(diff);
    change.reason = k_replace_reason;
    out.changes.push_back(std::move(change));
  }
  for (const auto& [slug, have] : by_slug) {
    if (declared.contains(slug)) {
      continue;
    }
    if (!prune) {
      out.not_managed.push_back({model::key_of(*have).address(), k_undeclared});
      continue;
    }
    Change change = make_change(ChangeKind::remove, slug);
    change.server_id = have->server_id;
    out.changes.push_back(std::move(change));
  }
  return out;
}

} // namespace aigw::engine
