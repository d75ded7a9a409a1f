#pragma once
// ApiTransport: one API call with auth headers, the shared rate limiter, retries with
// backoff, envelope decoding and counters; plus paged lists. Thread-safe.

#include "cloudflare/api_base_url.h"
#include "cloudflare/client_factory.h"
#include "cloudflare/http_session.h"
#include "cloudflare/paging.h"
#include "cloudflare/request_stats.h"
#include "cloudflare/retry_policy.h"
#include "cloudflare/token_bucket.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace aigw::cloudflare {

/// One request to the API. The path excludes the base URL's prefix.
struct ApiCall {
  std::string method;
  std::string path;
  std::string endpoint; ///< template for counters, e.g. "gateways/{id}"
  std::optional<model::Value> body;
  std::string query; ///< without '?', already encoded
};

/// Receives one page's items (page numbers from 1) and may take them; an error stops the
/// list. Called one page at a time, in the order pages arrive, possibly from several threads.
using PageVisitor = std::function<std::optional<engine::ApiError>(int page, model::Array& items)>;

/// Shared by every endpoint function of one client.
class ApiTransport {
public:
  /// Validates credentials and the URL, and prepares the connection pool.
  static Result<std::unique_ptr<ApiTransport>, engine::ApiError> create(const ClientOptions& options);

  /// Sends the call (retrying when safe) and returns the decoded body object.
  Result<model::Value, engine::ApiError> call(const ApiCall& call);
  /// Follows pages (per_page=100) and returns every item; data_key as in read_page().
  /// Bounded by k_max_pages pages and by the options' max_list_items and max_list_bytes.
  Result<model::Array, engine::ApiError> list_all(const ApiCall& call, const std::string& data_key);
  /// Follows pages like list_all(), handing each page to visit as soon as it arrives
  /// (pages after the first may arrive out of order), without collecting them.
  Result<Unit, engine::ApiError> for_each_page(const ApiCall& call, const std::string& data_key,
                                               const PageVisitor& visit);

  [[nodiscard]] engine::ApiStats stats() const { return m_stats.snapshot(); }
  /// How many connections were opened (keep-alive reuse keeps this low).
  [[nodiscard]] std::uint64_t connections_opened() const { return m_session->connections_opened(); }

private:
  friend class ApiBatch;
  using Clock = std::chrono::steady_clock;

  /// What one attempt's answer means: the call's result, or another attempt after a delay.
  struct Verdict {
    std::optional<Result<model::Value, engine::ApiError>> result;
    std::size_t body_bytes = 0;              ///< with a result: the decoded body's size
    std::chrono::milliseconds retry_after{}; ///< without one
    static Verdict done(Result<model::Value, engine::ApiError> result) {
      Verdict verdict;
      verdict.result.emplace(std::move(result));
      return verdict;
    }
  };

  ApiTransport(const ClientOptions& options, ApiBaseUrl base, std::unique_ptr<HttpSession> session);
  HttpRequest build_request(const ApiCall& call) const;
  /// The request of a call, or why it must not be sent.
  Result<HttpRequest, engine::ApiError> prepare(const ApiCall& call) const;
  /// Counts and logs one attempt's answer and decides: done (decoded body or error), or
  /// retry after a delay (retryable, attempts and the time budget left).
  Verdict judge(const ApiCall& call, int attempt, Clock::time_point deadline,
                Clock::time_point sent_at, Result<HttpResponse, TransportError> response);
  /// call(), also reporting the size of the response body that was decoded.
  Result<model::Value, engine::ApiError> call_sized(const ApiCall& call, std::size_t& body_bytes);
  /// Waits for a rate-limiter token, reporting a long wait through m_on_wait; true when it
  /// had to wait.
  bool wait_for_token();
  /// Reports where the rate limiter's queue stands through m_on_wait (when set).
  void report_backlog();

  ApiBaseUrl m_base;
  std::optional<Secret> m_api_token;
  std::string m_email;
  std::optional<Secret> m_api_key;
  RetryPolicy m_retry;
  std::unique_ptr<HttpSession> m_session;
  std::size_t m_max_list_items;
  std::size_t m_max_list_bytes;
  TokenBucket m_bucket;
  std::function<void(const RateLimitWait&)> m_on_wait;
  std::chrono::milliseconds m_report_after;
  RequestStats m_stats;
  int m_concurrency = 8; ///< pages of one list fetched together, at most
};

} // namespace aigw::cloudflare
