#pragma once
// ApiBatch: many API calls and paged lists run together from one thread. The session's
// exchange_many sends them over up to `concurrency` pooled connections and waits for all
// their answers in one poll(), so a read of a whole account costs one thread wake-up per
// wave of answers instead of one per answer. A call's completion may add more calls (a
// page that names gateways starts their child lists). Retries, the rate limiter, counters
// and paging behave exactly as for ApiTransport::call and for_each_page.

#include "cloudflare/api_transport.h"
#include "cloudflare/http_session.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace aigw::cloudflare {

class ApiBatch final : private ExchangeSource {
public:
  explicit ApiBatch(ApiTransport& transport);
  ApiBatch(const ApiBatch&) = delete;
  ApiBatch& operator=(const ApiBatch&) = delete;
  ~ApiBatch() override;

  /// Receives a call's decoded body (or its error) and the body's size.
  using CallDone = std::function<void(Result<model::Value, engine::ApiError>, std::size_t)>;
  /// Receives the end of a list: Unit once every page was visited, or the first error.
  using ListDone = std::function<void(Result<Unit, engine::ApiError>)>;

  /// Adds one call; done runs on the thread of run().
  void add_call(ApiCall call, CallDone done);
  /// Adds a paged list (per_page=100, bounded like ApiTransport::for_each_page): visit gets
  /// each page as it arrives, done runs once at the end. Both run on the thread of run().
  void add_list(ApiCall call, std::string data_key, PageVisitor visit, ListDone done);
  /// Sends everything added (also from completions) and returns when all has finished.
  void run();

  // Work from other threads (thread-safe): while a producer holds the batch, run() does
  // not return; each posted task runs on the thread of run(), in order.
  void hold();
  void post(std::function<void()> task);
  void release_hold();

private:
  using Clock = std::chrono::steady_clock;
  struct Call {
    ApiCall call;
    HttpRequest request;
    CallDone done;
    int attempt = 1;
    Clock::time_point deadline;         ///< the retry time budget
    Clock::time_point sent_at;
    bool has_token = false;             ///< a rate-limiter token is reserved for it
    bool token_wait_reported = false;   ///< a long limiter wait: progress is reported
  };
  struct List;

  bool has_ready(Clock::time_point& wake_at) override;
  const HttpRequest& next(std::uint64_t& tag) override;
  void answered(std::uint64_t tag, Result<HttpResponse, TransportError> outcome) override;
  [[nodiscard]] bool drained() const override;
  [[nodiscard]] int wake_fd() const override { return m_wake; }
  /// Runs the tasks other threads posted; true when there were any.
  bool run_posted();
  /// Wakes the thread of run() (the eventfd).
  void signal() const;

  void fetch_page(const std::shared_ptr<List>& list, int page);
  void page_arrived(const std::shared_ptr<List>& list, int page,
                    Result<model::Value, engine::ApiError> body, std::size_t bytes);
  void finish(List& list, Result<Unit, engine::ApiError> result);

  ApiTransport& m_transport;
  std::unordered_map<std::uint64_t, Call> m_calls;
  std::deque<std::uint64_t> m_ready; ///< can be sent (once a token is reserved)
  /// Waiting for a retry delay or a rate-limiter token: (when, tag), earliest first.
  std::priority_queue<std::pair<Clock::time_point, std::uint64_t>,
                      std::vector<std::pair<Clock::time_point, std::uint64_t>>, std::greater<>>
      m_waiting;
  std::uint64_t m_next_tag = 0;
  Clock::time_point m_next_report{};

  mutable std::mutex m_posted_mutex;
  std::vector<std::function<void()>> m_posted;
  int m_holds = 0;
  int m_wake = -1; ///< an eventfd, signalled by post() and release_hold()
};

} // namespace aigw::cloudflare
