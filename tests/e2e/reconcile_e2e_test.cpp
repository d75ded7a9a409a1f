// aigw reconcile end to end, the service and the emulator as real processes: a live
// --interval run repairs a change made behind its back (a direct HTTP call to the emulator)
// within two cycles, exposes it in /metrics (checked by promtool), keeps running through
// injected faults, and stops cleanly on SIGTERM; --once and --detect-only exit codes, and
// --detect-only changes nothing.

#include "apply_e2e_support.h"
#include "emulator/http_client.h"
#include "support/background_process.h"

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <thread>

namespace aigw::test {
namespace {

using namespace std::chrono_literals;

const std::string k_yaml = R"(account_id: ${CLOUDFLARE_ACCOUNT_ID}
gateways:
  - id: svc
    cache_ttl: 300
    collect_logs: true
    datasets:
      - name: failures
        filters: [ { key: success, operator: eq, value: [false] } ]
    routes:
      - name: chat
        elements:
          - { id: start, type: start, outputs: { next: { elementId: m } } }
          - { id: m, type: model, properties: { provider: openai, model: gpt-4o-mini },
              outputs: { success: { elementId: end } } }
          - { id: end, type: end, outputs: {} }
)";

std::map<std::string, std::optional<std::string>> service_env(const EmulatorProcess& emulator) {
  return {{"CLOUDFLARE_API_TOKEN", "e2e-token-value"},
          {"CLOUDFLARE_ACCOUNT_ID", k_account},
          {"CLOUDFLARE_API_BASE_URL", emulator.api_url()},
          {"NO_COLOR", "1"}};
}

std::string gateway_path(const std::string& id) {
  return std::string("/client/v4/accounts/") + k_account + "/ai-gateway/gateways/" + id;
}

/// cache_ttl of gateway svc read straight from the emulator (retrying injected faults);
/// nullopt when it cannot be read.
std::optional<double> live_cache_ttl(const EmulatorProcess& emulator) {
  static const std::regex field(R"("cache_ttl":\s*([0-9.]+))");
  for (int attempt = 0; attempt < 20; ++attempt) {
    const auto r = http_request(emulator.host(), emulator.port(), "GET", gateway_path("svc"));
    std::smatch match;
    if (r.status == 200 && std::regex_search(r.body, match, field)) {
      return std::stod(match[1]);
    }
    std::this_thread::sleep_for(50ms);
  }
  return std::nullopt;
}

/// The change made behind the reconciler's back: a PUT with cache_ttl 5 (retried through
/// injected faults; a PUT is idempotent).
bool make_drift(const EmulatorProcess& emulator) {
  const std::string body = R"({"cache_ttl":5,"cache_invalidate_on_update":false,)"
                           R"("collect_logs":true,"rate_limiting_interval":0,"rate_limiting_limit":0})";
  auto headers = bearer_auth();
  headers["Content-Type"] = "application/json";
  for (int attempt = 0; attempt < 20; ++attempt) {
    const auto r =
        http_request(emulator.host(), emulator.port(), "PUT", gateway_path("svc"), body, headers);
    if (r.status == 200) {
      return true;
    }
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

std::string scrape(const std::string& host, unsigned short port, const std::string& path,
                   int* status = nullptr) {
  const auto r = http_request(host, port, "GET", path, "", {});
  if (status != nullptr) {
    *status = r.status;
  }
  return r.body;
}

/// The value of one sample line ("name{labels} value"); -1 when absent.
double sample(const std::string& metrics, const std::string& series) {
  std::istringstream in(metrics);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(series + " ", 0) == 0) {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return -1;
}

double cycles(const std::string& metrics) {
  double total = 0;
  for (const auto* outcome : {"in_sync", "applied", "drift", "invalid_config", "refused", "failed"}) {
    total += std::max(0.0, sample(metrics, std::string("aigw_reconcile_cycles_total{outcome=\"") +
                                               outcome + "\"}"));
  }
  return total;
}

std::string find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path == nullptr ? "/usr/bin" : path);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const auto candidate = std::filesystem::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  return "";
}

TEST(ReconcileService, RepairsDriftWithinTwoCyclesThroughFaultsAndStopsOnSigterm) {
  // About one request in eight fails (429, 5xx, dropped connections): retries absorb them.
  EmulatorProcess emulator({"--fault-rate", "0.12", "--seed", "11"});
  TempDir dir;
  const auto file = dir.write("aigw.yaml", k_yaml);
  BackgroundProcess service({aigw_binary(), "--log-format", "json", "reconcile", "-f", file,
                             "--interval", "1s", "--metrics-addr", "127.0.0.1:0"},
                            service_env(emulator));
  ASSERT_TRUE(service.wait_for_err("/metrics and /healthz", 20s)) << service.err();
  static const std::regex address(R"(serving metrics on http://127\.0\.0\.1:([0-9]+)/metrics)");
  std::smatch match;
  const std::string err = service.err();
  ASSERT_TRUE(std::regex_search(err, match, address)) << err;
  const auto port = static_cast<unsigned short>(std::stoi(match[1]));

  // Healthy once a cycle has succeeded; the first cycle creates everything.
  int health = 0;
  for (int i = 0; i < 300 && health != 200; ++i) {
    scrape("127.0.0.1", port, "/healthz", &health);
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_EQ(health, 200) << service.err();
  ASSERT_EQ(live_cache_ttl(emulator), 300.0);

  // Drift behind its back, then count cycles until it is repaired.
  const double before = cycles(scrape("127.0.0.1", port, "/metrics"));
  ASSERT_TRUE(make_drift(emulator));
  std::optional<double> ttl;
  for (int i = 0; i < 300; ++i) {
    ttl = live_cache_ttl(emulator);
    if (ttl == 300.0) {
      break;
    }
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_EQ(ttl, 300.0) << service.err();
  const std::string metrics = scrape("127.0.0.1", port, "/metrics");
  EXPECT_LE(cycles(metrics) - before, 2.0) << metrics;
  EXPECT_GE(sample(metrics, "aigw_changes_applied_total{kind=\"gateway\",action=\"update\"}"), 1)
      << metrics;
  EXPECT_GT(sample(metrics, "aigw_last_success_timestamp_seconds"), 1.0e9);
  // Which requests the seeded faults hit depends on timing (the test's own requests share
  // the emulator): later cycles bring more requests until one was retried.
  std::string later = metrics;
  for (int i = 0; i < 100 && sample(later, "aigw_api_retries_total") <= 0; ++i) {
    std::this_thread::sleep_for(100ms);
    later = scrape("127.0.0.1", port, "/metrics");
  }
  EXPECT_GT(sample(later, "aigw_api_retries_total"), 0) << "no fault was retried:\n" << later;
  EXPECT_TRUE(service.running());

  // promtool (Debian package prometheus) accepts the exposition.
  const auto promtool = find_on_path("promtool");
  ASSERT_FALSE(promtool.empty()) << "promtool not found: run .ci/install-deps";
  ProcessOptions stdin_metrics;
  stdin_metrics.stdin_data = metrics;
  const auto checked = run_process({promtool, "check", "metrics"}, stdin_metrics);
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;

  // SIGTERM: the cycle in flight finishes, no new one starts, exit 0.
  service.send_signal(SIGTERM);
  const auto code = service.wait(20s);
  ASSERT_TRUE(code.has_value()) << "did not stop on SIGTERM";
  EXPECT_EQ(*code, 0) << service.err();
  const std::string log = service.err();
  EXPECT_NE(log.find(R"("msg":"reconcile cycle","cycle":1,"outcome":")"), std::string::npos)
      << log;
  EXPECT_NE(log.find(R"("msg":"change","cycle":)"), std::string::npos) << log;
  EXPECT_NE(log.find(R"("msg":"reconcile stopped")"), std::string::npos) << log;
  EXPECT_EQ(log.find("e2e-token-value"), std::string::npos) << "the token reached a log";
}

TEST(ReconcileOnce, DetectOnlyChangesNothingAndExitsTwoThenApplyConverges) {
  EmulatorProcess emulator;
  TempDir dir;
  const auto file = dir.write("aigw.yaml", k_yaml);
  const auto detect = run_aigw(emulator, {"reconcile", "-f", file, "--once", "--detect-only"});
  EXPECT_EQ(detect.exit_code, 2) << describe(detect);
  EXPECT_NE(detect.err.find("drift cycle=1 action=create resource=\"gateway svc\""), std::string::npos)
      << detect.err;
  auto api = emulator_client(emulator);
  ASSERT_TRUE(api);
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok());
  EXPECT_TRUE(gateways->empty()) << "--detect-only changed the account";

  const auto applied = run_aigw(emulator, {"reconcile", "-f", file, "--once"});
  EXPECT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_NE(applied.err.find("reconcile cycle cycle=1 outcome=applied"), std::string::npos)
      << applied.err;
  const auto clean = run_aigw(emulator, {"reconcile", "-f", file, "--once", "--detect-only"});
  EXPECT_EQ(clean.exit_code, 0) << describe(clean);
  EXPECT_NE(clean.err.find("outcome=in_sync"), std::string::npos) << clean.err;
}

TEST(ReconcileOnce, ABadFileSkipsTheCycleAndExitsOne) {
  EmulatorProcess emulator;
  TempDir dir;
  const auto file = dir.write("aigw.yaml", "gateways:\n  - id: svc\n    cache_tll: 3\n");
  const auto result = run_aigw(emulator, {"reconcile", "-f", file, "--once"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_NE(result.err.find("unknown key 'cache_tll'"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("outcome=invalid_config"), std::string::npos) << result.err;
}

TEST(ReconcileFlags, NeedOnceOrAValidInterval) {
  EmulatorProcess emulator;
  const auto neither = run_aigw(emulator, {"reconcile"});
  EXPECT_EQ(neither.exit_code, 1);
  EXPECT_NE(neither.err.find("reconcile needs --once or --interval DURATION"), std::string::npos)
      << neither.err;
  EXPECT_EQ(run_aigw(emulator, {"reconcile", "--once", "--interval", "5m"}).exit_code, 1);
  const auto bad = run_aigw(emulator, {"reconcile", "--interval", "5 minutes"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("--interval: invalid duration '5 minutes'"), std::string::npos) << bad.err;
  const auto metrics_once = run_aigw(emulator, {"reconcile", "--once", "--metrics-addr", "127.0.0.1:0"});
  EXPECT_EQ(metrics_once.exit_code, 1);
  EXPECT_NE(metrics_once.err.find("--metrics-addr needs --interval"), std::string::npos);
}

} // namespace
} // namespace aigw::test
