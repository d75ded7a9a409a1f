#include "cloudflare/api_transport.h"

#include "cloudflare/api_batch.h"
#include "cloudflare/envelope.h"
#include "cloudflare/paging.h"
#include "util/printable.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>
#include <mutex>
#include <optional>
#include <string_view>
#include <utility>
#include <thread>
#include <vector>

namespace aigw::cloudflare {
namespace {

using Kind = engine::ApiError::Kind;
using Clock = std::chrono::steady_clock;

std::mt19937_64& jitter_rng() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

engine::ApiError config_error(std::string message) {
  engine::ApiError error;
  error.kind = Kind::config;
  error.message = printable(message);
  return error;
}

engine::ApiError transport_error(RequestRef info, const TransportError& failure) {
  switch (failure.kind) {
  case TransportError::Kind::timeout: return make_api_error(Kind::timeout, info, failure.message);
  case TransportError::Kind::too_large: return make_api_error(Kind::decode, info, failure.message);
  case TransportError::Kind::connect:
  case TransportError::Kind::tls:
  case TransportError::Kind::io: break;
  }
  return make_api_error(Kind::network, info, failure.message);
}

/// True when every segment of an (already percent-encoded) path is a usable one: a request
/// for ".../gateways/" or ".../datasets/.." would address something other than one object.
bool has_usable_segments(const std::string& path) {
  if (path.empty() || path.front() != '/') {
    return false;
  }
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const std::string_view part(path.data() + start, end - start);
    if (part.empty() || part == "." || part == ".." || part == "%2E" || part == "%2e") {
      return false;
    }
    start = end + 1;
  }
  return true;
}

/// A header value must be one line of visible text: a line break in a credential would end
/// its header and start another (header injection). Names the variable, never the value.
std::optional<engine::ApiError> credential_error(const char* variable, std::string_view value) {
  const bool control = std::any_of(value.begin(), value.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
  if (!control) {
    return std::nullopt;
  }
  return config_error(std::string(variable) +
                      " contains a control character (a line break or a tab, perhaps from the "
                      "file it was read from): remove it");
}

long long elapsed_ms(Clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count();
}

} // namespace

Result<std::unique_ptr<ApiTransport>, engine::ApiError>
ApiTransport::create(const ClientOptions& options) {
  auto base = parse_api_base_url(options.api_url);
  if (!base) {
    return config_error(base.error().message);
  }
  const bool has_token = options.api_token && !options.api_token->empty();
  const bool has_key = options.api_key && !options.api_key->empty() && !options.email.empty();
  if (!has_token && !has_key) {
    return config_error("no API credentials: set CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and "
                        "CLOUDFLARE_API_KEY");
  }
  if (options.account_id.empty()) {
    return config_error("no account id: set account_id in the YAML or CLOUDFLARE_ACCOUNT_ID");
  }
  const std::pair<const char*, std::string_view> credentials[] = {
      {"CLOUDFLARE_API_TOKEN",
       options.api_token ? std::string_view(options.api_token->reveal()) : std::string_view()},
      {"CLOUDFLARE_EMAIL", options.email},
      {"CLOUDFLARE_API_KEY",
       options.api_key ? std::string_view(options.api_key->reveal()) : std::string_view()},
  };
  for (const auto& [variable, value] : credentials) {
    if (auto error = credential_error(variable, value)) {
      return *std::move(error);
    }
  }
  HttpSessionOptions session_options;
  session_options.host = base->host;
  session_options.port = base->port;
  session_options.tls = base->tls;
  session_options.ca_file = options.ca_file;
  if (base->tls) {
    auto proxy = proxy_for({options.https_proxy, options.no_proxy}, base->host);
    if (!proxy) {
      return config_error(proxy.error().message);
    }
    session_options.proxy = std::move(proxy).value();
    if (session_options.proxy) {
      spdlog::debug("reaching {} through proxy {}", base->host, session_options.proxy->display());
    }
  }
  session_options.max_connections = options.concurrency;
  session_options.connect_timeout = options.connect_timeout;
  session_options.read_timeout = options.read_timeout;
  session_options.max_response_bytes = options.max_response_bytes;
  session_options.user_agent = std::string("aigw/") + AIGW_VERSION;
  auto session = HttpSession::create(session_options);
  if (!session) {
    return config_error(session.error().message);
  }
  return std::unique_ptr<ApiTransport>(
      new ApiTransport(options, std::move(base).value(), std::move(session).value()));
}

ApiTransport::ApiTransport(const ClientOptions& options, ApiBaseUrl base,
                           std::unique_ptr<HttpSession> session)
    : m_base(std::move(base)), m_api_token(options.api_token), m_email(options.email),
      m_api_key(options.api_key),
      m_retry{options.max_attempts, options.max_retry_time, options.retry_base_delay,
              options.retry_max_delay},
      m_session(std::move(session)), m_max_list_items(options.max_list_items),
      m_max_list_bytes(options.max_list_bytes),
      m_bucket(options.rate_limit_requests,
               std::chrono::duration_cast<std::chrono::milliseconds>(options.rate_limit_window),
               options.rate_limit_burst),
      m_on_wait(options.on_rate_limit_wait), m_report_after(options.rate_limit_report_after),
      m_concurrency(std::max(1, options.concurrency)) {
  if (m_retry.max_attempts < 1) {
    m_retry.max_attempts = 1;
  }
}

bool ApiTransport::wait_for_token() {
  const auto wait = m_bucket.reserve();
  if (wait <= Clock::duration::zero()) {
    return false;
  }
  if (!m_on_wait || wait < m_report_after) {
    std::this_thread::sleep_for(wait);
    return true;
  }
  // A long wait: sleep in steps of at most a second and say where the queue stands.
  const auto due = Clock::now() + wait;
  for (auto now = Clock::now(); now < due; now = Clock::now()) {
    report_backlog();
    std::this_thread::sleep_for(std::min<Clock::duration>(due - now, std::chrono::seconds(1)));
  }
  report_backlog();
  return true;
}

void ApiTransport::report_backlog() {
  if (!m_on_wait) {
    return;
  }
  const auto backlog = m_bucket.backlog();
  m_on_wait({m_stats.snapshot().requests, backlog.waiting,
             std::chrono::ceil<std::chrono::seconds>(backlog.until_clear)});
}

HttpRequest ApiTransport::build_request(const ApiCall& call) const {
  HttpRequest request;
  request.method = call.method;
  request.target.reserve(m_base.path_prefix.size() + call.path.size() + 1 + call.query.size());
  request.target.append(m_base.path_prefix).append(call.path);
  if (!call.query.empty()) {
    request.target.append("?").append(call.query);
  }
  // The only place credentials are revealed: straight into headers, never logged.
  if (m_api_token && !m_api_token->empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + m_api_token->reveal());
  } else if (m_api_key) {
    request.headers.emplace_back("X-Auth-Email", m_email);
    request.headers.emplace_back("X-Auth-Key", m_api_key->reveal());
  }
  if (call.body) {
    request.body = call.body->to_json();
  }
  return request;
}

Result<model::Value, engine::ApiError> ApiTransport::call(const ApiCall& call) {
  std::size_t ignored = 0;
  return call_sized(call, ignored);
}

Result<HttpRequest, engine::ApiError> ApiTransport::prepare(const ApiCall& call) const {
  if (!has_usable_segments(call.path)) {
    return make_api_error(Kind::config, {call.method, call.path},
                          "refusing to send: the path has an empty, '.' or '..' segment (an id "
                          "is empty or not a usable id)");
  }
  return build_request(call);
}

ApiTransport::Verdict ApiTransport::judge(const ApiCall& call, int attempt,
                                          Clock::time_point deadline, Clock::time_point sent_at,
                                          Result<HttpResponse, TransportError> response) {
  const RequestRef info{call.method, call.path};
  const bool is_post = call.method == "POST";
  const int status = response ? response->status : 0;
  m_stats.record(call.method, call.endpoint, status);
  if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("{} {} -> {} ({} ms, attempt {})", call.method, call.path,
                  response ? std::to_string(status) : response.error().message,
                  elapsed_ms(sent_at), attempt);
  }

  std::optional<std::chrono::milliseconds> wait;
  engine::ApiError error;
  if (!response) {
    const auto& failure = response.error();
    if (is_post && failure.request_sent) {
      // Repeating a POST that may have been applied could create a duplicate.
      return Verdict::done(make_api_error(Kind::outcome_unknown, info, failure.message));
    }
    error = transport_error(info, failure);
    if (failure.kind == TransportError::Kind::tls ||
        failure.kind == TransportError::Kind::too_large) {
      return Verdict::done(std::move(error));
    }
  } else if (is_retryable_status(status)) {
    auto decoded = decode_envelope(info, status, response->body);
    error = decoded ? make_api_error(Kind::http, info, "", status) : std::move(decoded).error();
    if (is_post && !is_post_retryable_status(status)) {
      error.kind = Kind::outcome_unknown;
      error.message =
          "HTTP " + std::to_string(status) + " from a proxy: the request may have been applied";
      return Verdict::done(std::move(error));
    }
    wait = parse_retry_after(response->retry_after);
    if (status == 429) {
      m_stats.record_rate_limit_wait();
    }
  } else {
    auto verdict = Verdict::done(decode_envelope(info, status, response->body));
    verdict.body_bytes = response->body.size();
    return verdict;
  }

  if (attempt >= m_retry.max_attempts) {
    error.message += (error.message.empty() ? "" : "; ") + std::string("gave up after ") +
                     std::to_string(attempt) + " attempts";
    return Verdict::done(std::move(error));
  }
  const auto delay = wait ? *wait : m_retry.backoff(attempt, jitter_rng());
  if (Clock::now() + delay > deadline) {
    error.message += (error.message.empty() ? "" : "; ") +
                     std::string("retry time budget exhausted after ") + std::to_string(attempt) +
                     " attempts";
    return Verdict::done(std::move(error));
  }
  spdlog::debug("{} {}: retrying in {} ms", call.method, call.path, delay.count());
  Verdict verdict;
  verdict.retry_after = delay;
  return verdict;
}

Result<model::Value, engine::ApiError> ApiTransport::call_sized(const ApiCall& call,
                                                                std::size_t& body_bytes) {
  auto request = prepare(call);
  if (!request) {
    return std::move(request).error();
  }
  const auto deadline = Clock::now() + m_retry.max_total;
  for (int attempt = 1;; ++attempt) {
    if (attempt > 1) {
      m_stats.record_retry();
    }
    if (wait_for_token()) {
      m_stats.record_rate_limit_wait();
    }
    const auto sent_at = Clock::now();
    auto verdict = judge(call, attempt, deadline, sent_at, m_session->send(*request));
    if (verdict.result) {
      body_bytes = verdict.body_bytes;
      return std::move(*verdict.result);
    }
    std::this_thread::sleep_for(verdict.retry_after);
  }
}

Result<model::Array, engine::ApiError> ApiTransport::list_all(const ApiCall& call,
                                                              const std::string& data_key) {
  std::vector<std::pair<int, model::Array>> pages;
  auto listed = for_each_page(call, data_key, [&](int number, model::Array& items) {
    pages.emplace_back(number, std::move(items));
    return std::optional<engine::ApiError>();
  });
  if (!listed) {
    return std::move(listed).error();
  }
  std::sort(pages.begin(), pages.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t count = 0;
  for (const auto& page : pages) {
    count += page.second.size();
  }
  model::Array all;
  all.reserve(count);
  for (auto& page : pages) {
    std::move(page.second.begin(), page.second.end(), std::back_inserter(all));
  }
  return all;
}

Result<Unit, engine::ApiError> ApiTransport::for_each_page(const ApiCall& call,
                                                           const std::string& data_key,
                                                           const PageVisitor& visit) {
  std::optional<Result<Unit, engine::ApiError>> outcome;
  ApiBatch batch(*this);
  batch.add_list(call, data_key, visit, [&](Result<Unit, engine::ApiError> result) {
    outcome.emplace(std::move(result));
  });
  batch.run();
  return std::move(*outcome);
}

} // namespace aigw::cloudflare
