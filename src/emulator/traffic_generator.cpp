#include "emulator/traffic_generator.h"

#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace aigw::emulator {
namespace {

struct Target {
  const std::string* account_id;
  const GatewayRecord* gateway;
};

std::size_t pick(std::mt19937_64& random, std::size_t count) {
  return std::uniform_int_distribution<std::size_t>(0, count - 1)(random);
}

} // namespace

std::optional<Request> next_traffic_request(const Store& store, std::mt19937_64& random) {
  std::vector<Target> targets;
  for (const auto& [account_id, account] : store.accounts()) {
    if (!store.has_access(account_id)) {
      continue;
    }
    for (const auto& gateway : account.gateways) {
      targets.push_back({&account_id, &gateway});
    }
  }
  if (targets.empty()) {
    return std::nullopt;
  }
  const Target target = targets[pick(random, targets.size())];
  std::vector<const RouteRecord*> routes;
  for (const auto& route : target.gateway->routes) {
    routes.push_back(&route);
  }
  std::string provider = "openai";
  std::string model = "gpt-4o-mini";
  if (!routes.empty() && pick(random, 2) == 0) {
    provider = "compat";
    model = "dynamic/" + routes[pick(random, routes.size())]->name;
  }
  const bool fail = pick(random, 20) == 0;
  Request request;
  request.method = "POST";
  request.path = "/v1/" + *target.account_id + "/" + target.gateway->id() + "/" + provider +
                 "/chat/completions";
  request.headers["content-type"] = "application/json";
  // A gateway with authentication on needs a token; any token is accepted.
  request.headers["cf-aig-authorization"] = "Bearer traffic";
  request.body = fail ? std::string("not json")
                      : R"({"model":")" + model +
                            R"(","messages":[{"role":"user","content":"hello"}]})";
  return request;
}

TrafficGenerator::TrafficGenerator(Service& service, double rate, std::uint64_t seed)
    : m_service(service), m_random(seed), m_thread([this, rate] { run(rate); }) {}

TrafficGenerator::~TrafficGenerator() {
  {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void TrafficGenerator::run(double rate) {
  const auto period = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(1.0 / rate));
  auto next = std::chrono::steady_clock::now();
  std::unique_lock lock(m_mutex);
  while (!m_stop) {
    lock.unlock();
    m_service.inject([this](const Store& store) { return next_traffic_request(store, m_random); });
    lock.lock();
    // A stalled machine catches up by at most a second's worth of requests, not a burst.
    next = std::max(next + period, std::chrono::steady_clock::now() - std::chrono::seconds(1));
    m_wake.wait_until(lock, next, [this] { return m_stop; });
  }
}

} // namespace aigw::emulator
