// plan_bench: times reading live state (through the in-memory fake) and diff + plan of a
// large synthetic account, and prints the figures. Built with the tests, never run by
// ctest: `build/bench/plan_bench [gateways] [repeats] [API_URL]`. With API_URL (a running
// `aigw emulator`, e.g. http://127.0.0.1:8787/client/v4) it also seeds the live state there
// through the real client and times read_live + build_plan end to end over HTTP.

#include "cloudflare/client_factory.h"
#include "engine/diff.h"
#include "engine/live_state.h"
#include "engine/planner.h"
#include "fakes/fake_gateway_api.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

namespace {

using namespace aigw;
using Clock = std::chrono::steady_clock;

std::vector<model::RouteElement> graph(const std::string& model_name) {
  return {
      {"start", "start", {}, {{"next", model::Object{{"elementId", "primary"}}}}},
      {"primary", "model", {{"provider", "openai"}, {"model", model_name}, {"retries", 2}},
       {{"success", model::Object{{"elementId", "end"}}},
        {"fallback", model::Object{{"elementId", "end"}}}}},
      {"end", "end", {}, {}},
  };
}

model::Object gateway_fields(int ttl) {
  return {{"cache_ttl", ttl},
          {"collect_logs", true},
          {"rate_limiting_limit", 100},
          {"rate_limiting_interval", 60},
          {"guardrails", model::Object{{"prompt", model::Object{{"S1", "BLOCK"}}}}}};
}

model::Object dataset_fields(bool enable) {
  return {{"enable", enable},
          {"filters", model::Array{model::Object{{"key", "success"}, {"operator", "eq"},
                                                 {"value", model::Array{false}}}}}};
}

/// Desired: n gateways with 4 datasets, 2 provider configs and 3 routes each. Live: the
/// same, except that every 10th gateway drifted, every 7th misses a dataset and has an
/// undeclared one, every 5th has a changed route, and 5% extra undeclared gateways exist.
void build(int n, model::Desired& desired, model::Resources& live) {
  desired.account_id = "bench";
  desired.prune = true;
  for (int g = 0; g < n; ++g) {
    const std::string id = "gw-" + std::to_string(g);
    desired.resources.gateways.push_back({id, gateway_fields(300), {}});
    model::Object live_fields = gateway_fields(g % 10 == 0 ? 60 : 300);
    live_fields["created_at"] = "2026-01-01T00:00:00Z";
    live.gateways.push_back({id, live_fields, {}});
    for (int d = 0; d < 4; ++d) {
      const std::string name = "ds-" + std::to_string(d);
      desired.resources.datasets.push_back({id, name, "", dataset_fields(true), {}});
      if (!(g % 7 == 0 && d == 0)) {
        live.datasets.push_back({id, name, id + name, dataset_fields(d != 1 || g % 3 != 0), {}});
      }
    }
    if (g % 7 == 0) {
      live.datasets.push_back({id, "undeclared", id + "-u", dataset_fields(true), {}});
    }
    for (const char* slug : {"openai", "anthropic"}) {
      model::ProviderConfig config{id, slug, "main", "", {{"default_config", false}}, {}, "", {}};
      desired.resources.provider_configs.push_back(config);
      config.server_id = id + slug;
      live.provider_configs.push_back(config);
    }
    for (int r = 0; r < 3; ++r) {
      const std::string name = "route-" + std::to_string(r);
      desired.resources.routes.push_back({id, name, "", graph("m"), "", {}});
      live.routes.push_back({id, name, id + name, graph(g % 5 == 0 && r == 0 ? "old" : "m"), "v1", {}});
    }
  }
  for (int extra = 0; extra < n / 20; ++extra) {
    live.gateways.push_back({"extra-" + std::to_string(extra), gateway_fields(0), {}});
  }
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// CPU time of the calling thread (build_plan runs on it alone), in ms: less noisy than
/// wall time on a shared machine, and what the goal is stated in.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

/// Issue 14's goal for diff + plan of about 10,000 objects, without fingerprints.
constexpr double k_goal_ms = 100;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// Seeds `live` into the emulator at url, then times one read + plan through HTTP.
int bench_over_http(const std::string& url, const model::Desired& desired,
                    const model::Resources& live) {
  cloudflare::ClientOptions options;
  options.api_url = url;
  options.account_id = "bench";
  options.api_token = Secret("bench-token");
  options.rate_limit_requests = 1e9; // a local emulator: measure aigw, not the limiter
  options.rate_limit_burst = 1000000;
  auto made = cloudflare::make_gateway_api(options);
  if (!made) {
    std::fprintf(stderr, "client: %s\n", made.error().to_string().c_str());
    return 1;
  }
  engine::GatewayApi& api = **made;
  auto check = [](bool ok, const char* what) {
    if (!ok) {
      std::fprintf(stderr, "seeding failed at %s\n", what);
    }
    return ok;
  };
  for (const auto& g : live.gateways) {
    model::Gateway body = g;
    body.fields.erase("created_at");
    // Create takes no guardrails: POST what it takes, then a PUT of the created gateway
    // overlaid with the rest, as apply does (the client sends bodies as it is given them).
    const auto kind = model::ResourceKind::gateway;
    auto created = api.create_gateway({g.id, engine::create_body(kind, body.fields), {}});
    if (!check(created.ok(), "gateway") ||
        !check(api.update_gateway({g.id, engine::update_body(kind, created->fields, body.fields), {}})
                   .ok(),
               "gateway")) {
      return 1;
    }
  }
  for (const auto& d : live.datasets) {
    if (!check(api.create_dataset(d).ok(), "dataset")) {
      return 1;
    }
  }
  for (auto c : live.provider_configs) {
    c.secret = Secret("bench-provider-secret");
    if (!check(api.create_provider_config(c).ok(), "provider config")) {
      return 1;
    }
  }
  for (const auto& r : live.routes) {
    if (!check(api.create_route(r).ok(), "route")) {
      return 1;
    }
  }
  const auto seeded = api.stats().requests;
  auto start = Clock::now();
  auto read = engine::read_live(api, engine::query_for(desired));
  const double read_ms = ms_since(start);
  if (!read) {
    std::fprintf(stderr, "read_live: %s\n", read.error().to_string().c_str());
    return 1;
  }
  engine::PlanOptions plan_options;
  plan_options.force = true;
  start = Clock::now();
  auto plan = engine::build_plan(desired, *read, plan_options);
  const double plan_ms = ms_since(start);
  if (!plan) {
    std::fprintf(stderr, "build_plan: %s\n", plan.error().to_string().c_str());
    return 1;
  }
  std::printf("over HTTP (%s): read_live %.1f ms with %llu requests, plan %.1f ms, %zu changes\n",
              url.c_str(), read_ms,
              static_cast<unsigned long long>(api.stats().requests - seeded), plan_ms,
              plan->changes.size());
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  const int gateways = argc > 1 ? std::max(1, std::atoi(argv[1])) : 500;
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  model::Desired desired;
  test::FakeGatewayApi api;
  build(gateways, desired, api.state);

  std::vector<double> read_ms;
  std::vector<double> plan_ms;
  std::vector<double> bare_ms;
  std::vector<double> bare_cpu_ms;
  engine::Plan plan;
  std::uint64_t requests = 0;
  for (int i = 0; i < repeats; ++i) {
    const auto before = api.stats().requests;
    auto start = Clock::now();
    auto live = engine::read_live(api, engine::query_for(desired));
    read_ms.push_back(ms_since(start));
    if (!live) {
      std::fprintf(stderr, "read_live failed: %s\n", live.error().to_string().c_str());
      return 1;
    }
    requests = api.stats().requests - before;
    engine::PlanOptions options;
    options.force = true;
    start = Clock::now();
    auto built = engine::build_plan(desired, *live, options);
    plan_ms.push_back(ms_since(start));
    if (!built) {
      std::fprintf(stderr, "build_plan failed: %s\n", built.error().to_string().c_str());
      return 1;
    }
    plan = std::move(built.value());
    options.fingerprints = false;
    start = Clock::now();
    const double cpu_start = thread_cpu_ms();
    auto bare = engine::build_plan(desired, *live, options);
    bare_cpu_ms.push_back(thread_cpu_ms() - cpu_start);
    bare_ms.push_back(ms_since(start));
    if (!bare) {
      return 1;
    }
  }
  const auto counts = plan.counts();
  const auto& r = desired.resources;
  std::printf("desired: %d gateways, %zu datasets, %zu provider configs, %zu routes\n", gateways,
              r.datasets.size(), r.provider_configs.size(), r.routes.size());
  std::printf("read_live (in-memory fake): median %.2f ms, %llu requests\n", median(read_ms),
              static_cast<unsigned long long>(requests));
  std::printf("diff + order + checks + fingerprints: median %.2f ms over %d runs\n",
              median(plan_ms), repeats);
  std::printf("diff + order + checks (no fingerprints, as plan without --out): median %.2f ms\n",
              median(bare_ms));
  const std::size_t objects = r.gateways.size() + r.datasets.size() + r.provider_configs.size() +
                              r.routes.size();
  std::printf("diff + plan of %zu objects: %.1f ms CPU (median of %d)  goal < %.0f ms: %s\n",
              objects, median(bare_cpu_ms), repeats, k_goal_ms,
              median(bare_cpu_ms) < k_goal_ms ? "met" : "NOT met");
  std::printf("changes: %zu (%zu create, %zu update, %zu delete, %zu cannot fix), %zu fingerprints\n",
              plan.changes.size(), counts.create, counts.update, counts.remove, counts.cannot_fix,
              plan.fingerprints.size());
  return argc > 3 ? bench_over_http(argv[3], desired, api.state) : 0;
}
