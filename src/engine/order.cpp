#include "engine/order.h"

#include "model/kind_spec.h"

#include <algorithm>
#include <array>
#include <map>
#include <queue>
#include <string>
#include <tuple>

namespace aigw::engine {
namespace {

using model::kind_spec;

bool is_remove(const Change& c) { return c.kind == ChangeKind::remove; }

/// A change that writes its object: every kind but a delete and drift that cannot be fixed.
bool is_write(const Change& c) { return !is_remove(c) && c.kind != ChangeKind::cannot_fix; }

/// "dependent needs prerequisite", both within the same gateway (the ranks and the
/// kinds' parents come from the kind table, model/kind_spec).
using Rule = bool (*)(const Change& dependent, const Change& prerequisite);

/// The one dependency table: parents first for creates, children first for deletes.
/// A child also waits for its gateway's update: a new gateway gets the fields its create
/// call refuses (dlp, guardrails, otel, stripe) before anything can route through it.
constexpr std::array<Rule, 3> k_dependency_rules = {
    // A write needs the create and update of every object of a lower create rank (a
    // child needs its gateway, with its protections set).
    [](const Change& a, const Change& b) {
      return is_write(a) && (b.kind == ChangeKind::create || b.kind == ChangeKind::update) &&
             kind_spec(b.resource).create_rank < kind_spec(a.resource).create_rank;
    },
    // An update needs its own object's create: the follow-up update of a kind whose create
    // takes fewer fields.
    [](const Change& a, const Change& b) {
      return a.kind == ChangeKind::update && b.kind == ChangeKind::create &&
             a.resource_key() == b.resource_key();
    },
    // A delete needs the deletes of a lower delete rank (children before their gateway);
    // a cascade delete, which sends no request, follows its gateway's.
    [](const Change& a, const Change& b) {
      if (!is_remove(a) || !is_remove(b) || b.cascade) {
        return false;
      }
      const int a_rank = kind_spec(a.resource).delete_rank;
      const int b_rank = kind_spec(b.resource).delete_rank;
      return a.cascade ? a_rank < b_rank : b_rank < a_rank;
    },
};

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
  return std::make_tuple(kind_spec(c.resource).billing, c.gateway_id,
                         static_cast<int>(c.resource), c.key, kind_rank(c.kind));
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
        for (std::size_t b : group) {
          if (a != b && rule(changes[a], changes[b])) {
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
