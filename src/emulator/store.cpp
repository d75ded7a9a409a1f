#include "emulator/store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace aigw::emulator {

const RouteVersionRecord* RouteRecord::deployed_version() const {
  return deployments.empty() ? nullptr : find_version(deployments.back().version_id);
}

const RouteVersionRecord* RouteRecord::find_version(const std::string& version_id) const {
  const auto it = std::find_if(versions.begin(), versions.end(), [&](const auto& v) {
    return v.version_id == version_id;
  });
  return it == versions.end() ? nullptr : &*it;
}

std::string GatewayRecord::id() const {
  const auto* value = fields.if_contains("id");
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

namespace {

template <class Range>
auto find_by_id(Range& range, const std::string& id) -> decltype(&*range.begin()) {
  const auto it = std::find_if(range.begin(), range.end(), [&](const auto& item) {
    const auto* value = item.if_contains("id");
    return value != nullptr && value->is_string() && value->as_string() == id;
  });
  return it == range.end() ? nullptr : &*it;
}

} // namespace

boost::json::object* GatewayRecord::find_dataset(const std::string& dataset_id) {
  return find_by_id(datasets, dataset_id);
}

boost::json::object* GatewayRecord::find_evaluation(const std::string& evaluation_id) {
  return find_by_id(evaluations, evaluation_id);
}

RouteRecord* GatewayRecord::find_route(const std::string& route_id) {
  const auto it = std::find_if(routes.begin(), routes.end(),
                               [&](const RouteRecord& r) { return r.id == route_id; });
  return it == routes.end() ? nullptr : &*it;
}

GatewayRecord* AccountRecord::find_gateway(const std::string& gateway_id) {
  const auto it = std::find_if(gateways.begin(), gateways.end(),
                               [&](const GatewayRecord& g) { return g.id() == gateway_id; });
  return it == gateways.end() ? nullptr : &*it;
}

Store::Store() : m_random(std::random_device{}()) {}

AccountRecord& Store::account(const std::string& account_id) { return m_accounts[account_id]; }

std::string Store::new_id() {
  const std::uint64_t high = m_random();
  const std::uint64_t low = m_random();
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
                static_cast<unsigned>(high & 0x0fff),
                static_cast<unsigned>(((low >> 48) & 0x3fff) | 0x8000),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

std::string now_rfc3339() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis));
  return text;
}

} // namespace aigw::emulator
