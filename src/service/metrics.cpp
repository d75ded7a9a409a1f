#include "service/metrics.h"

#include <array>
#include <charconv>
#include <cmath>

namespace aigw::service {
namespace {

constexpr std::array<CycleOutcome, 6> k_outcomes = {
    CycleOutcome::in_sync, CycleOutcome::applied,  CycleOutcome::drift,
    CycleOutcome::invalid_config, CycleOutcome::refused, CycleOutcome::failed};

/// Kinds always present in the drift gauge, so a dashboard sees 0 rather than no series.
constexpr std::array<std::string_view, 6> k_kinds = {
    "gateway", "dataset", "provider_config", "route", "spending_limit", "auto_topup"};

/// A label value escaped as the text format asks: backslash, double quote, newline.
std::string label(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string number(double value) {
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return ec == std::errc() ? std::string(buffer, end) : "0";
}

void header(std::string& out, std::string_view name, std::string_view type,
            std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

/// "GET gateways 200" -> (GET, gateways, 200). The endpoint is a template and has no spaces.
std::tuple<std::string, std::string, std::string> split_request_key(const std::string& key) {
  const auto first = key.find(' ');
  const auto last = key.rfind(' ');
  if (first == std::string::npos || last == first) {
    return {"", key, ""};
  }
  return {key.substr(0, first), key.substr(first + 1, last - first - 1), key.substr(last + 1)};
}

} // namespace

std::string_view cycle_outcome_name(CycleOutcome outcome) {
  switch (outcome) {
  case CycleOutcome::in_sync: return "in_sync";
  case CycleOutcome::applied: return "applied";
  case CycleOutcome::drift: return "drift";
  case CycleOutcome::invalid_config: return "invalid_config";
  case CycleOutcome::refused: return "refused";
  case CycleOutcome::failed: return "failed";
  }
  return "failed";
}

bool is_success(CycleOutcome outcome) {
  return outcome == CycleOutcome::in_sync || outcome == CycleOutcome::applied ||
         outcome == CycleOutcome::drift;
}

const std::vector<double>& Metrics::duration_buckets() {
  static const std::vector<double> buckets = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};
  return buckets;
}

void Metrics::record(const CycleRecord& cycle) {
  std::lock_guard lock(m_mutex);
  ++m_cycles[std::string(cycle_outcome_name(cycle.outcome))];
  if (cycle.drift) {
    m_drift = *cycle.drift;
  }
  for (const auto& [key, count] : cycle.applied) {
    m_applied[key] += count;
  }
  for (const auto& [key, count] : cycle.requests) {
    m_requests[split_request_key(key)] += count;
  }
  m_retries += cycle.retries;
  m_rate_limit_waits += cycle.rate_limit_waits;
  const double seconds = cycle.duration.count();
  const auto& bounds = duration_buckets();
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (seconds <= bounds[i]) {
      ++m_bucket_counts[i];
    }
  }
  ++m_duration_count;
  m_duration_sum += seconds;
  if (is_success(cycle.outcome)) {
    m_last_success = cycle.finished_at;
  }
}

double Metrics::last_success() const {
  std::lock_guard lock(m_mutex);
  return m_last_success;
}

std::string Metrics::render() const {
  std::lock_guard lock(m_mutex);
  std::string out;
  header(out, "aigw_reconcile_cycles_total", "counter", "Reconcile cycles by outcome.");
  for (const auto outcome : k_outcomes) {
    const std::string name(cycle_outcome_name(outcome));
    const auto it = m_cycles.find(name);
    out += "aigw_reconcile_cycles_total{outcome=\"" + name + "\"} " +
           std::to_string(it == m_cycles.end() ? 0 : it->second) + "\n";
  }
  header(out, "aigw_drift_resources", "gauge",
         "Changes pending at the last plan, by resource kind (0 when live matches Git).");
  std::map<std::string, std::uint64_t> drift = m_drift;
  for (const auto kind : k_kinds) {
    drift.emplace(std::string(kind), 0);
  }
  for (const auto& [kind, count] : drift) {
    out += "aigw_drift_resources{kind=\"" + label(kind) + "\"} " + std::to_string(count) + "\n";
  }
  header(out, "aigw_changes_applied_total", "counter",
         "Changes applied successfully, by resource kind and action.");
  for (const auto& [key, count] : m_applied) {
    out += "aigw_changes_applied_total{kind=\"" + label(key.first) + "\",action=\"" +
           label(key.second) + "\"} " + std::to_string(count) + "\n";
  }
  header(out, "aigw_api_requests_total", "counter",
         "API requests by method, endpoint and HTTP status (\"error\": no response).");
  for (const auto& [key, count] : m_requests) {
    out += "aigw_api_requests_total{method=\"" + label(std::get<0>(key)) + "\",endpoint=\"" +
           label(std::get<1>(key)) + "\",status=\"" + label(std::get<2>(key)) + "\"} " +
           std::to_string(count) + "\n";
  }
  header(out, "aigw_api_retries_total", "counter", "API requests retried.");
  out += "aigw_api_retries_total " + std::to_string(m_retries) + "\n";
  header(out, "aigw_api_rate_limit_waits_total", "counter",
         "Requests held back by the client rate limiter or a 429 answer.");
  out += "aigw_api_rate_limit_waits_total " + std::to_string(m_rate_limit_waits) + "\n";
  header(out, "aigw_reconcile_cycle_duration_seconds", "histogram",
         "Duration of reconcile cycles.");
  const auto& bounds = duration_buckets();
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    out += "aigw_reconcile_cycle_duration_seconds_bucket{le=\"" + number(bounds[i]) + "\"} " +
           std::to_string(m_bucket_counts[i]) + "\n";
  }
  out += "aigw_reconcile_cycle_duration_seconds_bucket{le=\"+Inf\"} " +
         std::to_string(m_duration_count) + "\n";
  out += "aigw_reconcile_cycle_duration_seconds_sum " + number(m_duration_sum) + "\n";
  out += "aigw_reconcile_cycle_duration_seconds_count " + std::to_string(m_duration_count) + "\n";
  header(out, "aigw_last_success_timestamp_seconds", "gauge",
         "When the last successful cycle ended, in seconds since the epoch (0: none yet).");
  out += "aigw_last_success_timestamp_seconds " + number(m_last_success) + "\n";
  return out;
}

} // namespace aigw::service
