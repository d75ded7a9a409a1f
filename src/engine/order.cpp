#include "engine/order.h"

#include <algorithm>
#include <array>
#include <map>
#include <queue>
#include <string>
#include <tuple>

namespace aigw::engine {
namespace {

using model::ResourceKind;

/// Which changes a rule side selects.
enum class Select {
  gateway_create,
  gateway_update,
  gateway_remove,
  child_write,
  child_remove,
  child_cascade, ///< a child deleted by the API with its gateway (no request of its own)
};

/// "dependent needs prerequisite", both within the same gateway.
struct DependencyRule {
  Select dependent;
  Select prerequisite;
};

/// The one dependency table: parents first for creates, children first for deletes.
/// A child also waits for its gateway's update: a new gateway gets the fields its create
/// call refuses (dlp, guardrails, otel, stripe) before anything can route through it.
constexpr std::array<DependencyRule, 5> k_dependency_rules = {{
    {Select::child_write, Select::gateway_create},    // a child needs its gateway
    {Select::gateway_update, Select::gateway_create}, // the PUT for fields create refuses
    {Select::child_write, Select::gateway_update},    // protections before any child
    {Select::gateway_remove, Select::child_remove},   // children go before their gateway
    {Select::child_cascade, Select::gateway_remove},  // gone when their gateway is
}};

bool is_child(ResourceKind kind) {
  return kind == ResourceKind::dataset || kind == ResourceKind::provider_config ||
         kind == ResourceKind::route;
}

bool selects(Select select, const Change& c) {
  switch (select) {
  case Select::gateway_create:
    return c.resource == ResourceKind::gateway && c.kind == ChangeKind::create;
  case Select::gateway_update:
    return c.resource == ResourceKind::gateway && c.kind == ChangeKind::update;
  case Select::gateway_remove:
    return c.resource == ResourceKind::gateway && c.kind == ChangeKind::remove;
  case Select::child_write:
    return is_child(c.resource) && c.kind != ChangeKind::remove && c.kind != ChangeKind::cannot_fix;
  case Select::child_remove:
    return is_child(c.resource) && c.kind == ChangeKind::remove && !c.cascade;
  case Select::child_cascade: return is_child(c.resource) && c.kind == ChangeKind::remove && c.cascade;
  }
  return false;
}

int resource_rank(ResourceKind kind) {
  switch (kind) {
  case ResourceKind::gateway: return 0;
  case ResourceKind::dataset: return 1;
  case ResourceKind::provider_config: return 2;
  case ResourceKind::route: return 3;
  case ResourceKind::spending_limit: return 4;
  case ResourceKind::auto_topup: return 5;
  case ResourceKind::custom_provider: return 6;
  }
  return 6;
}

int kind_rank(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::create: return 0;
  case ChangeKind::update: return 1;
  case ChangeKind::deploy_new_version: return 2;
  case ChangeKind::redeploy_version: return 3;
  case ChangeKind::cannot_fix: return 4;
  case ChangeKind::remove: return 5;
  case ChangeKind::replace: return 6;
  }
  return 6;
}

/// Display order among ready changes: gateways by id with their children, billing last.
auto sort_key(const Change& c) {
  const bool billing = c.resource == ResourceKind::spending_limit ||
                       c.resource == ResourceKind::auto_topup;
  return std::make_tuple(billing, c.gateway_id, resource_rank(c.resource), c.key,
                         kind_rank(c.kind));
}

} // namespace

std::vector<Change> order_changes(std::vector<Change> changes) {
  const std::size_t n = changes.size();
  std::vector<std::vector<std::size_t>> prerequisites(n);
  std::vector<std::vector<std::size_t>> dependents(n);
  // Rules relate changes of one gateway only, so compare within each gateway's group.
  std::map<std::string, std::vector<std::size_t>> by_gateway;
  for (std::size_t i = 0; i < n; ++i) {
    by_gateway[changes[i].gateway_id].push_back(i);
  }
  for (const auto& [gateway_id, group] : by_gateway) {
    for (const auto& rule : k_dependency_rules) {
      for (std::size_t a : group) {
        if (!selects(rule.dependent, changes[a])) {
          continue;
        }
        for (std::size_t b : group) {
          if (a != b && selects(rule.prerequisite, changes[b])) {
            prerequisites[a].push_back(b);
            dependents[b].push_back(a);
          }
        }
      }
    }
  }
  // Kahn's algorithm, always taking the smallest ready change by sort_key, so the order is
  // deterministic and reads like the configuration.
  auto later = [&changes](std::size_t a, std::size_t b) {
    return sort_key(changes[b]) < sort_key(changes[a]);
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> ready(later);
  std::vector<std::size_t> waiting(n);
  for (std::size_t i = 0; i < n; ++i) {
    waiting[i] = prerequisites[i].size();
    if (waiting[i] == 0) {
      ready.push(i);
    }
  }
  std::vector<std::size_t> position(n);
  std::vector<std::size_t> sequence;
  sequence.reserve(n);
  while (!ready.empty()) {
    const std::size_t i = ready.top();
    ready.pop();
    position[i] = sequence.size();
    sequence.push_back(i);
    for (std::size_t d : dependents[i]) {
      if (--waiting[d] == 0) {
        ready.push(d);
      }
    }
  }
  // The table has no cycles (writes need creates, removes need removes), so every change
  // was placed.
  std::vector<Change> out;
  out.reserve(n);
  for (std::size_t i : sequence) {
    Change change = std::move(changes[i]);
    change.depends_on.clear();
    for (std::size_t p : prerequisites[i]) {
      change.depends_on.push_back(position[p]);
    }
    std::sort(change.depends_on.begin(), change.depends_on.end());
    out.push_back(std::move(change));
  }
  return out;
}

} // namespace aigw::engine
