#include "model/resource_key.h"

#include <gtest/gtest.h>

namespace aigw::model {
namespace {

TEST(ResourceKey, AddressesReadAsBefore) {
  EXPECT_EQ((ResourceKey{ResourceKind::gateway, "gw", {}}).address(), "gateway gw");
  EXPECT_EQ((ResourceKey{ResourceKind::dataset, "gw", {"failures"}}).address(),
            "dataset gw/failures");
  EXPECT_EQ((ResourceKey{ResourceKind::provider_config, "gw", {"openai", "main"}}).address(),
            "provider config gw/openai/main");
  EXPECT_EQ((ResourceKey{ResourceKind::spending_limit, "", {}}).address(), "spending limit");
}

TEST(ResourceKey, SegmentsWithSlashAreQuotedSoAddressesNeverCollide) {
  const ResourceKey left{ResourceKind::provider_config, "gw", {"a/b", "c"}};
  const ResourceKey right{ResourceKind::provider_config, "gw", {"a", "b/c"}};
  EXPECT_EQ(left.address(), "provider config gw/\"a/b\"/c");
  EXPECT_EQ(right.address(), "provider config gw/a/\"b/c\"");
  EXPECT_NE(left, right);
  EXPECT_EQ((ResourceKey{ResourceKind::route, "gw", {"say \"hi\\"}}).local(), "\"say \\\"hi\\\\\"");
}

TEST(ResourceKey, LocalRoundTripsThroughParse) {
  for (const std::vector<std::string>& parts :
       {std::vector<std::string>{"openai", "main"}, {"a/b", "c"}, {"a", "b/c"}, {"q\"/\\", ""},
        {"plain"}, {}}) {
    const ResourceKey key{ResourceKind::provider_config, "gw", parts};
    EXPECT_EQ(parse_key_parts(key.local()), parts) << key.local();
  }
}

TEST(ResourceKey, ParseRefusesMalformedQuotes) {
  EXPECT_FALSE(parse_key_parts("\"open").has_value());
  EXPECT_FALSE(parse_key_parts("\"a\"b").has_value());
  EXPECT_FALSE(parse_key_parts("\"a\\").has_value());
}

} // namespace
} // namespace aigw::model
