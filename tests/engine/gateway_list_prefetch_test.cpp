// GatewayListPrefetch: a claimed read hands every page over and returns the list; a dropped
// one asks for no page after its first, whenever it is dropped; read_live claims it instead
// of listing again.

#include "engine/gateway_list_prefetch.h"
#include "engine/forwarding_gateway_api.h"
#include "engine/live_state.h"
#include "engine/plan_fixtures.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace aigw::engine {
namespace {

/// Hands the fake's gateways over two to a page, counting the pages it fetched; the first
/// page can be held back until release() (a slow first response).
class PagedApi : public test::ForwardingGatewayApi {
public:
  explicit PagedApi(bool hold_first = false) : m_held(hold_first) {}

  ApiResult<std::vector<model::Gateway>> list_gateways_by_page(const GatewayPageSink& on_page) override {
    auto all = fake.list_gateways();
    if (!all) {
      return all;
    }
    for (std::size_t at = 0; at < all->size(); at += 2) {
      {
        std::unique_lock lock(m_mutex);
        ++m_pages;
        m_changed.notify_all();
        m_changed.wait(lock, [this] { return !m_held; });
      }
      const auto end = std::min(at + 2, all->size());
      on_page({all->begin() + static_cast<std::ptrdiff_t>(at),
               all->begin() + static_cast<std::ptrdiff_t>(end)});
    }
    return all;
  }
  /// Lets the first page's response arrive.
  void release() {
    const std::lock_guard lock(m_mutex);
    m_held = false;
    m_changed.notify_all();
  }
  /// Waits until at least n pages were fetched (at most 5 s); how many were.
  int wait_for_pages(int n) {
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, std::chrono::seconds(5), [&] { return m_pages >= n; });
    return m_pages;
  }
  int pages() {
    const std::lock_guard lock(m_mutex);
    return m_pages;
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  bool m_held = false;
  int m_pages = 0;
};

void seed(test::FakeGatewayApi& api, int gateways) {
  for (int i = 0; i < gateways; ++i) {
    const std::string id = "gw-" + std::to_string(i);
    api.state.gateways.push_back(test::live_gateway(id));
    api.state.datasets.push_back(test::live_dataset(id, "logs", "ds-" + std::to_string(i)));
  }
}

std::vector<std::string> ids(const std::vector<model::Gateway>& gateways) {
  std::vector<std::string> out;
  for (const auto& g : gateways) {
    out.push_back(g.id);
  }
  return out;
}

TEST(GatewayListPrefetch, AClaimedReadHandsEveryPageOverAndReturnsTheList) {
  PagedApi api;
  seed(api.fake, 5);
  GatewayListPrefetch read(api);
  ASSERT_GE(api.wait_for_pages(1), 1);
  std::vector<std::string> handed;
  auto list = read.claim([&](const std::vector<model::Gateway>& page) {
    for (const auto& g : page) {
      handed.push_back(g.id);
    }
  });
  ASSERT_TRUE(list.ok());
  const std::vector<std::string> all = {"gw-0", "gw-1", "gw-2", "gw-3", "gw-4"};
  EXPECT_EQ(ids(*list), all);
  EXPECT_EQ(handed, all);
  EXPECT_EQ(api.pages(), 3);
}

/// How a read that is not claimed ends.
enum class Ending { dropped, dropped_before_first_page, destroyed };

/// Starts a read of three pages, ends it without a claim; how many pages were fetched.
int pages_fetched_by_unclaimed_read(Ending ending) {
  PagedApi api(/*hold_first=*/ending == Ending::dropped_before_first_page);
  seed(api.fake, 6);
  {
    GatewayListPrefetch read(api);
    EXPECT_EQ(api.wait_for_pages(1), 1);
    if (ending != Ending::destroyed) {
      read.drop();
    }
    api.release(); // with hold_first: the first page arrives after the verdict
  }
  return api.pages();
}

TEST(GatewayListPrefetch, ADroppedReadAsksForNoPageAfterItsFirst) {
  EXPECT_EQ(pages_fetched_by_unclaimed_read(Ending::dropped), 1);
}

TEST(GatewayListPrefetch, ReadDroppedBeforeItsFirstPageArrivesStopsThere) {
  EXPECT_EQ(pages_fetched_by_unclaimed_read(Ending::dropped_before_first_page), 1);
}

TEST(GatewayListPrefetch, AnUnclaimedReadIsDroppedWhenDestroyed) {
  EXPECT_EQ(pages_fetched_by_unclaimed_read(Ending::destroyed), 1);
}

TEST(GatewayListPrefetch, SaysTheFirstPageArrivedOnlyOnceItHas) {
  PagedApi api(/*hold_first=*/true);
  seed(api.fake, 4);
  GatewayListPrefetch read(api);
  ASSERT_EQ(api.wait_for_pages(1), 1); // requested, its response held back
  EXPECT_FALSE(read.first_page_arrived());
  api.release();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!read.first_page_arrived() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(read.first_page_arrived());
  read.drop();
}

TEST(GatewayListPrefetch, AFailedListIsWhatTheClaimReturns) {
  PagedApi api;
  seed(api.fake, 2);
  ApiError error;
  error.kind = ApiError::Kind::http;
  error.status = 503;
  api.fake.fail_next("GET gateways", error);
  GatewayListPrefetch read(api);
  auto list = read.claim([](const std::vector<model::Gateway>&) {});
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().status, 503);
}

TEST(GatewayListPrefetch, ReadLiveClaimsItInsteadOfListingAgain) {
  PagedApi api;
  seed(api.fake, 4);
  model::Desired desired;
  for (const char* id : {"gw-1", "gw-3"}) {
    desired.resources.gateways.push_back({id, {}, {}});
  }
  auto query = query_for(desired);
  query.gateway_list = std::make_shared<GatewayListPrefetch>(api);
  auto live = read_live(api, query);
  ASSERT_TRUE(live.ok()) << live.error().to_string();
  EXPECT_EQ(ids(live->resources.gateways),
            (std::vector<std::string>{"gw-0", "gw-1", "gw-2", "gw-3"}));
  EXPECT_EQ(live->children_read, (std::vector<std::string>{"gw-1", "gw-3"}));
  EXPECT_EQ(live->resources.datasets.size(), 2u); // the declared gateways' children only
  EXPECT_EQ(api.pages(), 2);
  EXPECT_EQ(api.fake.stats().requests, 1u + 3u * 2u); // one list, three lists per gateway
}

} // namespace
} // namespace aigw::engine
