#pragma once
// GatewayListPrefetch: the account's gateway list, started before the query that needs it is
// known. The list does not depend on the configuration, so a plan can fetch its first page
// while the files still load; the rest waits for the verdict: claimed (the configuration
// names the same account), the remaining pages follow; dropped, no further page is asked for.

#include "engine/gateway_api.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace aigw::engine {

class GatewayListPrefetch {
public:
  /// Starts api.list_gateways_by_page on a thread of its own; api must outlive this object.
  explicit GatewayListPrefetch(GatewayApi& api);
  /// Drops the read if it was not claimed, then waits for its thread (at most the request
  /// for the first page, which is bounded like every request of the client).
  ~GatewayListPrefetch();
  GatewayListPrefetch(const GatewayListPrefetch&) = delete;
  GatewayListPrefetch& operator=(const GatewayListPrefetch&) = delete;

  /// Takes the read over: hands on_page every page as it arrives, one call at a time, and
  /// returns the list, as list_gateways_by_page would. Once, and never after drop().
  ApiResult<std::vector<model::Gateway>> claim(const GatewayApi::GatewayPageSink& on_page);
  /// Gives the read up: no page after the first is requested and nothing of it is used.
  void drop();
  /// True once the read has returned (or, dropped, stopped at its first page).
  [[nodiscard]] bool finished();
  /// True once the first page has arrived (something of the account was read).
  [[nodiscard]] bool first_page_arrived();

private:
  enum class Verdict { pending, claimed, dropped };
  /// The sink list_gateways_by_page calls: holds its caller at the first page until the
  /// verdict, then hands the page on or (dropped) ends the list there.
  void receive(const std::vector<model::Gateway>& page);
  void run(GatewayApi& api);

  std::mutex m_mutex;
  std::condition_variable m_changed;
  Verdict m_verdict = Verdict::pending;
  const GatewayApi::GatewayPageSink* m_sink = nullptr; ///< the claimer's, once claimed
  bool m_done = false; ///< the thread's read has returned
  bool m_page_arrived = false; ///< receive() was called
  std::optional<ApiResult<std::vector<model::Gateway>>> m_result; ///< unless dropped
  std::thread m_thread;
};

} // namespace aigw::engine
