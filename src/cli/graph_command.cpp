// aigw graph: dynamic routes as pictures. The desired graphs (offline, from the YAML) or,
// with --live, the deployed ones, as Mermaid or Graphviz DOT on stdout; errors on stderr.
// Exit 0 drawn, 1 error (invalid configuration, unknown route, API failure).

#include "cli/commands.h"
#include "cli/error_output.h"
#include "cli/plan_pipeline.h"
#include "render/route_graph.h"
#include "render/route_graph_dot.h"
#include "render/route_graph_mermaid.h"
#include "util/secret.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace aigw::cli {
namespace {

struct GraphFlags {
  std::vector<std::string> paths;
  std::vector<std::string> routes; ///< GATEWAY/NAME
  std::string format = "mermaid";
  bool live = false;
};

/// A route to draw, named "gateway/route".
struct NamedRoute {
  std::string address;
  std::vector<model::RouteElement> elements;
};

std::string gateway_of(const std::string& address) {
  return address.substr(0, address.find('/'));
}

std::vector<NamedRoute> named(const std::vector<model::Route>& routes) {
  std::vector<NamedRoute> out;
  for (const auto& route : routes) {
    out.push_back({route.gateway_id + "/" + route.name, route.elements});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const NamedRoute& a, const NamedRoute& b) { return a.address < b.address; });
  return out;
}

/// The deployed routes of the gateways the flags name (or, without --route, of every
/// declared gateway): one gateway list, then one route list per gateway that exists.
std::optional<std::vector<model::Route>> read_live_routes(const GlobalOptions& global,
                                                          const model::Desired& desired,
                                                          const GraphFlags& flags) {
  std::set<std::string> wanted;
  for (const auto& address : flags.routes) {
    wanted.insert(gateway_of(address));
  }
  if (flags.routes.empty()) {
    for (const auto& gateway : desired.resources.gateways) {
      wanted.insert(gateway.id);
    }
  }
  auto api = connect_api(global, desired.account_id, 1);
  if (!api) {
    return std::nullopt;
  }
  auto gateways = api->list_gateways();
  if (!gateways) {
    report_error("listing gateways: " + gateways.error().to_string());
    return std::nullopt;
  }
  std::vector<model::Route> out;
  for (const auto& gateway : gateways.value()) {
    if (!wanted.contains(gateway.id)) {
      continue;
    }
    auto routes = api->list_routes(gateway.id);
    if (!routes) {
      report_error("listing routes of gateway " + gateway.id + ": " + routes.error().to_string());
      return std::nullopt;
    }
    out.insert(out.end(), routes.value().begin(), routes.value().end());
  }
  return out;
}

/// The routes the flags ask for, in the order asked (each once), or every route by
/// address. nullopt after naming each route that is not there.
std::optional<std::vector<NamedRoute>> select(const std::vector<NamedRoute>& routes,
                                              const GraphFlags& flags) {
  if (flags.routes.empty()) {
    return routes;
  }
  std::vector<NamedRoute> out;
  std::set<std::string> seen;
  bool ok = true;
  for (const auto& address : flags.routes) {
    if (!seen.insert(address).second) {
      continue;
    }
    const auto it = std::find_if(routes.begin(), routes.end(),
                                 [&](const NamedRoute& r) { return r.address == address; });
    if (it != routes.end()) {
      out.push_back(*it);
      continue;
    }
    std::string known;
    for (const auto& route : routes) {
      if (gateway_of(route.address) == gateway_of(address)) {
        known += (known.empty() ? "" : ", ") + route.address;
      }
    }
    report_error("no route " + address + (flags.live ? " is deployed" : " in the configuration") +
                (known.empty() ? "" : " (routes of that gateway: " + known + ")"));
    ok = false;
  }
  return ok ? std::optional(out) : std::nullopt;
}

int run_graph(const GlobalOptions& global, const GraphFlags& flags) {
  const auto desired = load_desired_or_report(flags.paths);
  if (!desired) {
    return 1;
  }
  std::vector<NamedRoute> routes;
  if (flags.live) {
    auto live = read_live_routes(global, *desired, flags);
    if (!live) {
      return 1;
    }
    routes = named(*live);
  } else {
    routes = named(desired->resources.routes);
  }
  const auto chosen = select(routes, flags);
  if (!chosen) {
    return 1;
  }
  if (chosen->empty()) {
    std::cerr << "aigw: no routes to draw\n";
  }
  std::vector<render::RouteGraph> graphs;
  for (const auto& route : *chosen) {
    auto graph = render::build_route_graph(route.elements);
    graph.title = route.address;
    graphs.push_back(std::move(graph));
  }
  std::cout << Redactor::global().redact(flags.format == "dot"
                                             ? render::render_route_dot(graphs)
                                             : render::render_route_mermaid(graphs));
  std::cout.flush();
  return 0;
}

std::string check_route_address(const std::string& value) {
  const auto slash = value.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == value.size()) {
    return "expected GATEWAY/NAME, got '" + value + "'";
  }
  return {};
}

} // namespace

void add_graph_command(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<GraphFlags>();
  auto* cmd = app.add_subcommand(
      "graph", "Draw route graphs as Mermaid or Graphviz DOT (desired, or deployed with --live)");
  add_paths_option(*cmd, flags->paths);
  cmd->add_option("--route", flags->routes, "Only this route, as GATEWAY/NAME (repeatable)")
      ->check(check_route_address);
  cmd->add_option("--format", flags->format, "mermaid|dot (default mermaid)")
      ->check(CLI::IsMember({"mermaid", "dot"}));
  cmd->add_flag("--live", flags->live,
                "Draw the deployed graphs, read from the API, instead of the YAML's");
  cmd->callback([&global, flags, exit_code] { *exit_code = run_graph(global, *flags); });
}

} // namespace aigw::cli
