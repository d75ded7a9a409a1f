// client_bench: the client's own CPU per API request. Built with the tests, never run by
// ctest: `build/bench/client_bench API_URL ACCOUNT [repeats]` reads every gateway of an
// account (a running `aigw emulator` in another process, e.g. the one bench/bench.sh
// fills) and its children the way a plan does, 32 in flight, and divides this process's
// CPU time (user + sys, every thread) by the requests sent: sending, receiving, parsing
// JSON and decoding into the model, paging and scheduling. The server's CPU is not in it.
// Beside it, the floor: the same GETs sent by raw_client (bench/raw_client.h), the cheapest
// client this machine can run, and what aigw costs above that floor.

#include "cloudflare/client_factory.h"
#include "engine/live_state.h"
#include "raw_client.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace aigw;

/// CPU seconds of this process so far: user, system.
std::pair<double, double> cpu_split() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

/// Per-request CPU of several runs: total, user and system, each a list of ms.
struct PerRequest {
  std::vector<double> total, user, system;
  void add(std::pair<double, double> before, std::pair<double, double> after, std::uint64_t n) {
    const double k = 1000 / static_cast<double>(std::max<std::uint64_t>(n, 1));
    user.push_back((after.first - before.first) * k);
    system.push_back((after.second - before.second) * k);
    total.push_back(user.back() + system.back());
  }
};

constexpr double k_goal_ms = 0.05;

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

/// The port and path prefix of an http://127.0.0.1:PORT/PREFIX URL; port 0 otherwise.
std::pair<std::uint16_t, std::string> loopback_port_and_prefix(const std::string& url) {
  const std::string scheme = "http://127.0.0.1:";
  if (url.rfind(scheme, 0) != 0) {
    return {0, ""};
  }
  const auto slash = url.find('/', scheme.size());
  const int port = std::atoi(url.substr(scheme.size(), slash - scheme.size()).c_str());
  return {static_cast<std::uint16_t>(port), slash == std::string::npos ? "" : url.substr(slash)};
}

/// The GETs of one read of `gateways` as aigw sends them: the gateway pages, then each
/// gateway's datasets, provider configs and routes (one page each here).
std::vector<std::string> read_requests(const std::string& prefix, const std::string& account,
                                       const std::vector<std::string>& gateways,
                                       std::uint16_t port) {
  const std::string base = prefix + "/accounts/" + account + "/ai-gateway/gateways";
  const auto request = [&](const std::string& target) {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
           "\r\nUser-Agent: aigw-bench\r\nAccept: application/json\r\n"
           "Authorization: Bearer bench-token\r\n\r\n";
  };
  std::vector<std::string> out;
  for (std::size_t page = 1; page <= (gateways.size() + 99) / 100; ++page) {
    out.push_back(request(base + "?page=" + std::to_string(page) + "&per_page=100"));
  }
  for (const auto& id : gateways) {
    for (const char* child : {"/datasets", "/provider_configs", "/routes"}) {
      out.push_back(request(base + "/" + id + child + "?page=1&per_page=100"));
    }
  }
  return out;
}

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
  PerRequest per_request;
  std::uint64_t requests = 0;
  for (int i = 0; i < repeats; ++i) {
    const auto before = api.stats().requests;
    const auto start = cpu_split();
    auto live = engine::read_live(api, query);
    const auto end = cpu_split();
    if (!live) {
      std::fprintf(stderr, "read_live: %s\n", live.error().to_string().c_str());
      return 1;
    }
    requests = api.stats().requests - before;
    per_request.add(start, end, requests);
  }
  const double client = median(per_request.total);
  std::printf("client CPU per request: %.3f ms (median of %d reads of %zu gateways, %llu requests "
              "each)  goal < %.2f ms: %s\n",
              client, repeats, gateways->size(), static_cast<unsigned long long>(requests),
              k_goal_ms, client < k_goal_ms ? "met" : "NOT met");
  std::printf("  user %.3f ms, system %.3f ms\n", median(per_request.user),
              median(per_request.system));

  const auto [port, prefix] = loopback_port_and_prefix(options.api_url);
  if (port == 0) {
    std::printf("  (no floor: the API URL is not http://127.0.0.1:PORT)\n");
    return 0;
  }
  std::vector<std::string> ids;
  for (const auto& g : *gateways) {
    ids.push_back(g.id);
  }
  const auto texts = read_requests(prefix, options.account_id, ids, port);
  PerRequest floor;
  for (int i = 0; i < repeats; ++i) {
    const auto start = cpu_split();
    const auto run = bench::raw_exchange(port, texts, options.concurrency);
    const auto end = cpu_split();
    if (!run.error.empty()) {
      std::fprintf(stderr, "raw client: %s\n", run.error.c_str());
      return 1;
    }
    floor.add(start, end, run.requests);
  }
  const double raw = median(floor.total);
  std::printf("  floor: %.3f ms per request (user %.3f, system %.3f) for a raw-socket client "
              "sending the same %zu GETs (no parsing; median of %d)\n",
              raw, median(floor.user), median(floor.system), texts.size(), repeats);
  std::printf("  aigw above the floor: %.3f ms per request (%.1fx the floor)\n", client - raw,
              raw > 0 ? client / raw : 0.0);
  return 0;
}
