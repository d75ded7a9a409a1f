#include "emulator/store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>

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

Store::Store() : m_random(std::random_device{}()) {}

AccountRecord& Store::account(const std::string& account_id) { return m_accounts[account_id]; }

void Store::set_accessible_accounts(std::set<std::string> account_ids) {
  m_accessible = std::move(account_ids);
}

bool Store::has_access(const std::string& account_id) const {
  return m_accessible.empty() || m_accessible.contains(account_id);
}

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

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string rfc3339_of(std::int64_t millis) {
  const auto seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis % 1000));
  return text;
}

std::string now_rfc3339() { return rfc3339_of(now_ms()); }

} // namespace aigw::emulator
