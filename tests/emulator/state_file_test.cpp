// Unit tests of the store's records and of persistence.

#include "emulator/state_file.h"
#include "emulator/state_journal.h"
#include "support/process.h"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace aigw::emulator {
namespace {
namespace json = boost::json;

Store sample_store() {
  Store store;
  AccountRecord& account = store.account("acc1");
  GatewayRecord gateway{.fields = json::object{{"id", "gw1"}, {"cache_ttl", 10}}};
  gateway.datasets.put("d1", json::object{{"id", "d1"}, {"name", "n"}});
  gateway.provider_configs.put("p1", {json::object{{"id", "p1"}}, "top-secret-value"});
  RouteRecord route{.id = "r1", .name = "chat", .created_at = "t", .modified_at = "t"};
  route.versions.push_back({"v1", "t", json::array{json::object{{"id", "start"}}}});
  route.deployments.push_back({"dep1", "v1", "t"});
  gateway.routes.put("r1", route);
  gateway.logs.put("l1", {json::object{{"id", "l1"}, {"success", true}}, 5, json::object{{"model", "m"}},
                          json::object{{"choices", json::array{}}}});
  account.gateways.put("gw1", gateway);
  account.spending_limit = json::object{{"amount", 100}};
  account.topups.put("pi_1", {"pi_1", 1000, "t"});
  return store;
}

TEST(StoreTest, FindsRecordsAndMintsUniqueIds) {
  Store store = sample_store();
  GatewayRecord* gateway = store.account("acc1").find_gateway("gw1");
  ASSERT_NE(gateway, nullptr);
  EXPECT_NE(gateway->datasets.find("d1"), nullptr);
  EXPECT_EQ(gateway->datasets.find("d2"), nullptr);
  ASSERT_NE(gateway->routes.find("r1"), nullptr);
  EXPECT_EQ(gateway->routes.find("r1")->deployed_version()->version_id, "v1");
  EXPECT_EQ(store.account("other").find_gateway("gw1"), nullptr);
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    ids.insert(store.new_id());
  }
  EXPECT_EQ(ids.size(), 1000U);
  EXPECT_EQ(store.new_id().size(), 36U);
}

TEST(OrderedIndexTest, KeepsInsertionOrderThroughReplaceEraseAndCopy) {
  OrderedIndex<int> index;
  index.put("a", 1);
  index.put("b", 2);
  index.put("c", 3);
  index.put("b", 20); // replaced where it stands
  EXPECT_TRUE(index.erase("a"));
  EXPECT_FALSE(index.erase("a"));
  index.put("a", 4); // appended at the end
  const OrderedIndex<int> copy = index;
  index.put("c", 30);
  std::vector<int> values(copy.begin(), copy.end());
  EXPECT_EQ(values, (std::vector<int>{20, 3, 4}));
  ASSERT_NE(copy.find("c"), nullptr);
  EXPECT_EQ(*copy.find("c"), 3); // the copy has its own index
  EXPECT_EQ(copy.begin().id(), "b");
}

TEST(StateFileTest, RoundTripsWithoutSecrets) {
  test::TempDir dir;
  const std::string path = dir.path() + "/state.json";
  ASSERT_TRUE(save_state(sample_store(), path).ok());
  std::ifstream in(path);
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content.find("top-secret-value"), std::string::npos);
  auto loaded = load_state(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(json::serialize(store_to_json(*loaded)), json::serialize(store_to_json(sample_store())));
  EXPECT_EQ(loaded->account("acc1").find_gateway("gw1")->logs.find("l1")->created_ms, 5);
  // Only the state file remains: the temp file was renamed over it.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(StateFileTest, MissingFileIsEmptyCorruptFileIsAnError) {
  test::TempDir dir;
  auto empty = load_state(dir.path() + "/absent.json");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->accounts().empty());
  const std::string corrupt = dir.write("bad.json", "{\"format_version\":1,\"accounts\":");
  auto loaded = load_state(corrupt);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("corrupt"), std::string::npos);
  const std::string wrong = dir.write("wrong.json", R"({"format_version":1,"accounts":{"a":1}})");
  EXPECT_FALSE(load_state(wrong).ok());
}

// A journal replays on top of the snapshot it names; one named by an older snapshot is
// ignored (it was folded in); a torn last line is ignored; removals replay.
TEST(StateFileTest, JournalReplaysOnTheSnapshotItContinues) {
  test::TempDir dir;
  const std::string path = dir.path() + "/state.json";
  Store store = sample_store();
  ASSERT_TRUE(save_state(store, path, "j1").ok());
  auto journal = StateJournal::create(path, "j1");
  ASSERT_TRUE(journal.ok()) << journal.error().message;
  store.account("acc1").find_gateway("gw1")->datasets.put("d2", json::object{{"id", "d2"}, {"name", "m"}});
  store.account("acc1").find_gateway("gw1")->routes.erase("r1");
  store.account("acc1").gateways.put("gw2", GatewayRecord{.fields = json::object{{"id", "gw2"}}});
  std::string lines;
  for (const Change& change : {Change{Change::Kind::dataset, "acc1", "gw1", "d2"},
                               Change{Change::Kind::route, "acc1", "gw1", "r1"},
                               Change{Change::Kind::gateway, "acc1", "gw2", "gw2"}}) {
    lines += json::serialize(change_record(store, change)) + "\n";
  }
  ASSERT_TRUE(journal->append(lines + R"({"k":"dataset","a":"acc1","g":"gw1")").ok()); // torn
  auto loaded = load_state(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(json::serialize(store_to_json(*loaded)), json::serialize(store_to_json(store)));

  // A newer snapshot (another journal id) ignores this journal.
  ASSERT_TRUE(save_state(sample_store(), path, "j2").ok());
  loaded = load_state(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(json::serialize(store_to_json(*loaded)), json::serialize(store_to_json(sample_store())));
}

TEST(StateFileTest, CorruptJournalLineIsAnError) {
  test::TempDir dir;
  const std::string path = dir.path() + "/state.json";
  ASSERT_TRUE(save_state(sample_store(), path, "j1").ok());
  dir.write("state.json.journal", "{\"journal\":\"j1\"}\nnot json\n");
  auto loaded = load_state(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("line 2"), std::string::npos);
}

TEST(StateFileTest, StaleTempFilesAreRemoved) {
  test::TempDir dir;
  const std::string path = dir.path() + "/state.json";
  dir.write("state.json.tmp.4242", "{");
  dir.write("state.json.tmp.journal.4242", "{");
  dir.write("other.json.tmp.1", "{");
  remove_stale_temp_files(path);
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/state.json.tmp.4242"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/state.json.tmp.journal.4242"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/other.json.tmp.1"));
}

} // namespace
} // namespace aigw::emulator
