// client_bench: the client's own CPU per API request. Built with the tests, never run by
// ctest: `build/bench/client_bench API_URL ACCOUNT [repeats]` reads every gateway of an
// account (a running `aigw emulator` in another process, e.g. the one bench/bench.sh
// fills) and its children the way a plan does, 32 in flight, and divides this process's
// CPU time (user + sys, every thread) by the requests sent: sending, receiving, parsing
// JSON and decoding into the model, paging and scheduling. The server's CPU is not in it.

#include "cloudflare/client_factory.h"
#include "engine/live_state.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace aigw;

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

constexpr double k_goal_ms = 0.05;

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: client_bench API_URL ACCOUNT [repeats]\n");
    return 2;
  }
  const int repeats = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  cloudflare::ClientOptions options;
  options.api_url = argv[1];
  options.account_id = argv[2];
  options.api_token = Secret("bench-token");
  options.concurrency = 32;
  options.rate_limit_requests = 1e9; // measure the client, not the limiter
  options.rate_limit_burst = 1000000;
  auto made = cloudflare::make_gateway_api(options);
  if (!made) {
    std::fprintf(stderr, "client: %s\n", made.error().to_string().c_str());
    return 1;
  }
  engine::GatewayApi& api = **made;
  auto gateways = api.list_gateways();
  if (!gateways) {
    std::fprintf(stderr, "list: %s\n", gateways.error().to_string().c_str());
    return 1;
  }
  engine::LiveQuery query;
  query.concurrency = options.concurrency;
  for (const auto& g : *gateways) {
    query.gateway_ids.push_back(g.id);
  }
  std::vector<double> per_request;
  std::uint64_t requests = 0;
  for (int i = 0; i < repeats; ++i) {
    const auto before = api.stats().requests;
    const double start = cpu_seconds();
    auto live = engine::read_live(api, query);
    const double cpu = cpu_seconds() - start;
    if (!live) {
      std::fprintf(stderr, "read_live: %s\n", live.error().to_string().c_str());
      return 1;
    }
    requests = api.stats().requests - before;
    per_request.push_back(cpu * 1000 / static_cast<double>(std::max<std::uint64_t>(requests, 1)));
  }
  std::sort(per_request.begin(), per_request.end());
  const double median = per_request[per_request.size() / 2];
  std::printf("client CPU per request: %.3f ms (median of %d reads of %zu gateways, %llu requests "
              "each)  goal < %.2f ms: %s\n",
              median, repeats, gateways->size(), static_cast<unsigned long long>(requests),
              k_goal_ms, median < k_goal_ms ? "met" : "NOT met");
  return 0;
}
