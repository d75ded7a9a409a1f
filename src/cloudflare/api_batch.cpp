#include "cloudflare/api_batch.h"

#include "cloudflare/envelope.h"
#include "cloudflare/paging.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <optional>

namespace aigw::cloudflare {

using Kind = engine::ApiError::Kind;

/// One paged list in progress. Pages are fetched as for_each_page does: the first alone,
/// then, once it gives the total, the rest of that round together; when the last page of
/// a round still says more, the list grew while it was read and paging goes on from there.
struct ApiBatch::List {
  ApiCall call;
  std::string data_key;
  PageVisitor visit;
  ListDone done;
  std::size_t items = 0;
  std::size_t bytes = 0;
  int round_last = 0;   ///< the last page of the round in flight
  bool round_single = true; ///< the round is one page (which may give the total)
  int last_total = 0;   ///< total_pages as the round's last page reported it
  int outstanding = 0;  ///< pages of the round not answered yet
  bool last_more = false;
  std::optional<std::pair<int, engine::ApiError>> error; ///< the lowest page that failed
  bool finished = false;
};

ApiBatch::ApiBatch(ApiTransport& transport)
    : m_transport(transport), m_wake(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

ApiBatch::~ApiBatch() {
  if (m_wake >= 0) {
    ::close(m_wake);
  }
}

void ApiBatch::hold() {
  const std::lock_guard lock(m_posted_mutex);
  ++m_holds;
}

void ApiBatch::post(std::function<void()> task) {
  {
    const std::lock_guard lock(m_posted_mutex);
    m_posted.push_back(std::move(task));
  }
  signal();
}

void ApiBatch::release_hold() {
  {
    const std::lock_guard lock(m_posted_mutex);
    --m_holds;
  }
  signal();
}

void ApiBatch::signal() const {
  if (m_wake >= 0) {
    const std::uint64_t one = 1;
    (void)!::write(m_wake, &one, sizeof one);
  }
}

bool ApiBatch::run_posted() {
  std::vector<std::function<void()>> tasks;
  {
    const std::lock_guard lock(m_posted_mutex);
    tasks.swap(m_posted);
  }
  for (auto& task : tasks) {
    task();
  }
  return !tasks.empty();
}

void ApiBatch::add_call(ApiCall call, CallDone done) {
  auto request = m_transport.prepare(call);
  if (!request) {
    done(std::move(request).error(), 0);
    return;
  }
  const auto tag = m_next_tag++;
  Call& entry = m_calls[tag];
  entry.call = std::move(call);
  entry.request = std::move(request).value();
  entry.done = std::move(done);
  entry.deadline = Clock::now() + m_transport.m_retry.max_total;
  m_ready.push_back(tag);
}

void ApiBatch::add_list(ApiCall call, std::string data_key, PageVisitor visit, ListDone done) {
  auto list = std::make_shared<List>();
  list->call = std::move(call);
  list->data_key = std::move(data_key);
  list->visit = std::move(visit);
  list->done = std::move(done);
  list->round_last = 1;
  fetch_page(list, 1);
}

void ApiBatch::run() { m_transport.m_session->exchange_many(*this); }

void ApiBatch::fetch_page(const std::shared_ptr<List>& list, int page) {
  ApiCall paged = list->call;
  if (!paged.query.empty()) {
    paged.query.append("&");
  }
  paged.query.append("page=").append(std::to_string(page));
  paged.query.append("&per_page=").append(std::to_string(k_per_page));
  ++list->outstanding;
  add_call(std::move(paged), [this, list, page](Result<model::Value, engine::ApiError> body,
                                                std::size_t bytes) {
    page_arrived(list, page, std::move(body), bytes);
  });
}

void ApiBatch::page_arrived(const std::shared_ptr<List>& list, int number,
                            Result<model::Value, engine::ApiError> body, std::size_t bytes) {
  List& l = *list;
  --l.outstanding;
  const auto failed = [&](engine::ApiError error) {
    if (!l.error || number < l.error->first) {
      l.error.emplace(number, std::move(error));
    }
  };
  if (l.finished) {
    return;
  }
  bool more = false;
  int total_pages = 0;
  if (!body) {
    failed(std::move(body).error());
  } else if (auto page = read_page(std::move(body).value(), l.data_key, number, k_per_page); !page) {
    failed(make_api_error(Kind::decode, {l.call.method, l.call.path}, page.error().message));
  } else if (!l.error) {
    more = page->more;
    total_pages = page->total_pages;
    // Bounds on the whole list, not only its pages: a server that never ends its pages
    // (or sends huge ones) cannot exhaust memory.
    l.bytes += bytes;
    if (l.bytes > m_transport.m_max_list_bytes) {
      failed(make_api_error(Kind::decode, {l.call.method, l.call.path},
                            "the list exceeds " + std::to_string(m_transport.m_max_list_bytes) +
                                " response bytes (after " + std::to_string(number) + " pages)"));
    } else if (page->items.size() > m_transport.m_max_list_items - l.items) {
      failed(make_api_error(Kind::decode, {l.call.method, l.call.path},
                            "the list exceeds " + std::to_string(m_transport.m_max_list_items) +
                                " items (after " + std::to_string(number) + " pages)"));
    } else {
      l.items += page->items.size();
      if (auto stopped = l.visit(number, page->items)) {
        failed(std::move(*stopped));
      }
    }
  }
  if (number == l.round_last) {
    l.last_more = more;
    l.last_total = total_pages;
  }
  if (l.outstanding > 0) {
    return;
  }
  if (l.error) {
    finish(l, std::move(l.error->second));
    return;
  }
  if (!l.last_more) {
    finish(l, Unit{});
    return;
  }
  const int next = l.round_last + 1;
  if (next > k_max_pages) {
    finish(l, make_api_error(Kind::decode, {l.call.method, l.call.path},
                             "paging did not end after " + std::to_string(k_max_pages) + " pages"));
    return;
  }
  // A single page gave the total: the remaining pages are independent, fetch them
  // together (the same requests as one at a time, without the serial round trips).
  const int last = l.round_single ? std::min(l.last_total, k_max_pages) : 0;
  if (last > next) {
    l.round_last = last;
    l.round_single = false;
    for (int page = next; page <= last; ++page) {
      fetch_page(list, page);
    }
    return;
  }
  l.round_last = next;
  l.round_single = true;
  fetch_page(list, next);
}

void ApiBatch::finish(List& list, Result<Unit, engine::ApiError> result) {
  list.finished = true;
  list.done(std::move(result));
}

bool ApiBatch::has_ready(Clock::time_point& wake_at) {
  run_posted();
  const auto now = Clock::now();
  while (!m_waiting.empty() && m_waiting.top().first <= now) {
    m_ready.push_front(m_waiting.top().second);
    m_waiting.pop();
  }
  if (!m_ready.empty()) {
    Call& call = m_calls.at(m_ready.front());
    if (call.has_token) {
      return true;
    }
    call.has_token = true;
    const auto wait = m_transport.m_bucket.reserve();
    if (wait <= Clock::duration::zero()) {
      return true;
    }
    m_transport.m_stats.record_rate_limit_wait();
    call.token_wait_reported = wait >= m_transport.m_report_after;
    m_waiting.emplace(now + wait, m_ready.front());
    m_ready.pop_front();
  }
  if (m_waiting.empty()) {
    return false;
  }
  const auto& [due, tag] = m_waiting.top();
  wake_at = std::min(wake_at, due);
  // A long wait for the rate limiter: say where the queue stands, once a second.
  if (m_calls.at(tag).token_wait_reported && now >= m_next_report) {
    m_transport.report_backlog();
    m_next_report = now + std::chrono::seconds(1);
  }
  return false;
}

const HttpRequest& ApiBatch::next(std::uint64_t& tag) {
  tag = m_ready.front();
  m_ready.pop_front();
  Call& call = m_calls.at(tag);
  if (call.attempt > 1) {
    m_transport.m_stats.record_retry();
  }
  call.sent_at = Clock::now();
  return call.request;
}

void ApiBatch::answered(std::uint64_t tag, Result<HttpResponse, TransportError> outcome) {
  auto found = m_calls.find(tag);
  Call& call = found->second;
  auto verdict = m_transport.judge(call.call, call.attempt, call.deadline, call.sent_at,
                                   std::move(outcome));
  if (!verdict.result) {
    ++call.attempt;
    call.has_token = false;
    call.token_wait_reported = false;
    m_waiting.emplace(Clock::now() + verdict.retry_after, tag);
    return;
  }
  // The call is over: its completion may add calls (and so rehash m_calls).
  CallDone done = std::move(call.done);
  m_calls.erase(found);
  done(std::move(*verdict.result), verdict.body_bytes);
}

bool ApiBatch::drained() const {
  if (!m_ready.empty() || !m_waiting.empty()) {
    return false;
  }
  const std::lock_guard lock(m_posted_mutex);
  return m_holds == 0 && m_posted.empty();
}

} // namespace aigw::cloudflare
