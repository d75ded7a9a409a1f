#include "engine/gateway_list_prefetch.h"

namespace aigw::engine {
namespace {

/// Thrown from the page sink when the read was dropped, to leave list_gateways_by_page
/// before it asks for the remaining pages. It never leaves this file: run() catches it.
struct Dropped {};

} // namespace

GatewayListPrefetch::GatewayListPrefetch(GatewayApi& api)
    : m_thread([this, &api] { run(api); }) {}

GatewayListPrefetch::~GatewayListPrefetch() {
  drop();
  m_thread.join();
}

void GatewayListPrefetch::run(GatewayApi& api) {
  std::optional<ApiResult<std::vector<model::Gateway>>> result;
  try {
    result.emplace(api.list_gateways_by_page(
        [this](const std::vector<model::Gateway>& page) { receive(page); }));
  } catch (const Dropped&) {
    // Dropped: the list ends at its first page; no result is wanted.
  }
  const std::lock_guard lock(m_mutex);
  m_result = std::move(result);
  m_done = true;
  m_changed.notify_all();
}

void GatewayListPrefetch::receive(const std::vector<model::Gateway>& page) {
  std::unique_lock lock(m_mutex);
  m_page_arrived = true;
  // Until the verdict the list stops here: a dropped read costs its first page only.
  m_changed.wait(lock, [this] { return m_verdict != Verdict::pending; });
  if (m_verdict == Verdict::dropped) {
    throw Dropped{};
  }
  (*m_sink)(page);
}

ApiResult<std::vector<model::Gateway>>
GatewayListPrefetch::claim(const GatewayApi::GatewayPageSink& on_page) {
  std::unique_lock lock(m_mutex);
  m_sink = &on_page;
  m_verdict = Verdict::claimed;
  m_changed.notify_all();
  m_changed.wait(lock, [this] { return m_done; });
  return std::move(m_result).value();
}

void GatewayListPrefetch::drop() {
  const std::lock_guard lock(m_mutex);
  if (m_verdict == Verdict::pending) {
    m_verdict = Verdict::dropped;
    m_changed.notify_all();
  }
}

bool GatewayListPrefetch::finished() {
  const std::lock_guard lock(m_mutex);
  return m_done;
}

bool GatewayListPrefetch::first_page_arrived() {
  const std::lock_guard lock(m_mutex);
  return m_page_arrived;
}

} // namespace aigw::engine
