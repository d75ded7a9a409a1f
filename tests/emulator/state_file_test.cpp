// Unit tests of the store's records and of persistence.

#include "emulator/state_file.h"
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
  gateway.datasets.push_back(json::object{{"id", "d1"}, {"name", "n"}});
  gateway.provider_configs.push_back({json::object{{"id", "p1"}}, "top-secret-value"});
  RouteRecord route{.id = "r1", .name = "chat", .created_at = "t", .modified_at = "t"};
  route.versions.push_back({"v1", "t", json::array{json::object{{"id", "start"}}}});
  route.deployments.push_back({"dep1", "v1", "t"});
  gateway.routes.push_back(route);
  account.gateways.push_back(gateway);
  account.spending_limit = json::object{{"amount", 100}};
  return store;
}

TEST(StoreTest, FindsRecordsAndMintsUniqueIds) {
  Store store = sample_store();
  GatewayRecord* gateway = store.account("acc1").find_gateway("gw1");
  ASSERT_NE(gateway, nullptr);
  EXPECT_NE(gateway->find_dataset("d1"), nullptr);
  EXPECT_EQ(gateway->find_dataset("d2"), nullptr);
  ASSERT_NE(gateway->find_route("r1"), nullptr);
  EXPECT_EQ(gateway->find_route("r1")->deployed_version()->version_id, "v1");
  EXPECT_EQ(store.account("other").find_gateway("gw1"), nullptr);
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    ids.insert(store.new_id());
  }
  EXPECT_EQ(ids.size(), 1000U);
  EXPECT_EQ(store.new_id().size(), 36U);
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

} // namespace
} // namespace aigw::emulator
