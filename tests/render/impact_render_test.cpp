// Traffic impact in the three renderers: the text line, the JSON `impact` object and the
// Markdown column with the busiest change first.

#include "engine/apply_test_plans.h"
#include "render/impact_words.h"
#include "render/plan_json.h"
#include "render/plan_markdown.h"
#include "render/plan_text.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace aigw::render {
namespace {

engine::Change change_of(engine::ChangeKind kind, model::ResourceKind resource,
                         const std::string& gateway, const std::string& key,
                         std::optional<engine::TrafficImpact> impact) {
  engine::Change change = test::make_change(kind, resource, gateway, key);
  change.impact = std::move(impact);
  return change;
}

/// A quiet route delete, a busy gateway delete, a dataset create without figures, and a
/// gateway whose logs could not be read.
engine::Plan impact_plan() {
  engine::Plan plan;
  plan.account_id = "acc";
  plan.api_requests = 9;
  using engine::ChangeKind;
  using model::ResourceKind;
  plan.changes = {
      change_of(ChangeKind::remove, ResourceKind::route, "router", "chat",
                engine::TrafficImpact{"24h", true, 12430, 398, 1200}),
      change_of(ChangeKind::remove, ResourceKind::gateway, "router", "",
                engine::TrafficImpact{"24h", true, 12430, 398, std::nullopt}),
      change_of(ChangeKind::create, ResourceKind::dataset, "keep", "failures", std::nullopt),
      change_of(ChangeKind::remove, ResourceKind::gateway, "idle", "",
                engine::TrafficImpact{"24h", true, 0, 0, std::nullopt}),
      change_of(ChangeKind::remove, ResourceKind::gateway, "dark", "",
                engine::TrafficImpact{"24h", false, 0, 0, std::nullopt}),
  };
  return plan;
}

TEST(ImpactWords, Thousands) {
  EXPECT_EQ(thousands(0), "0");
  EXPECT_EQ(thousands(999), "999");
  EXPECT_EQ(thousands(1000), "1,000");
  EXPECT_EQ(thousands(12430), "12,430");
  EXPECT_EQ(thousands(1234567), "1,234,567");
}

TEST(ImpactRender, TextLine) {
  const std::string text = render_plan_text(impact_plan(), {false});
  EXPECT_NE(text.find("  - gateway router (delete) \u2014 12,430 requests, 3.2% errors in the "
                      "last 24 h\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  - route router/chat (delete) \u2014 1,200 requests through this route "
                      "(gateway: 12,430 requests, 3.2% errors) in the last 24 h\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  - gateway idle (delete) \u2014 0 requests in the last 24 h\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  - gateway dark (delete) \u2014 traffic unknown"), std::string::npos) << text;
  EXPECT_NE(text.find("  + dataset keep/failures (create)\n"), std::string::npos) << text;
}

TEST(ImpactRender, JsonObjectPerChange) {
  const auto root = boost::json::parse(render_plan_json(impact_plan())).as_object();
  const auto& changes = root.at("changes").as_array();
  const auto& route = changes[0].as_object().at("impact").as_object();
  EXPECT_EQ(route.at("window").as_string(), "24h");
  EXPECT_EQ(route.at("known").as_bool(), true);
  EXPECT_EQ(route.at("requests").to_number<std::uint64_t>(), 12430U);
  EXPECT_EQ(route.at("errors").to_number<std::uint64_t>(), 398U);
  EXPECT_EQ(route.at("route_requests").to_number<std::uint64_t>(), 1200U);
  EXPECT_NEAR(route.at("error_rate").to_number<double>(), 398.0 / 12430.0, 1e-9);
  EXPECT_FALSE(changes[1].as_object().at("impact").as_object().contains("route_requests"));
  EXPECT_FALSE(changes[2].as_object().contains("impact"));
  const auto& dark = changes[4].as_object().at("impact").as_object();
  EXPECT_EQ(dark.at("known").as_bool(), false);
  EXPECT_FALSE(dark.contains("requests"));
}

TEST(ImpactRender, MarkdownColumnBusiestFirst) {
  const std::string md = render_plan_markdown(impact_plan());
  EXPECT_NE(md.find("| | Resource | Action | Requests (24 h) |\n|---|---|---|---:|\n"),
            std::string::npos)
      << md;
  const auto dark = md.find("| gateway dark | delete | unknown |");
  const auto gateway = md.find("| gateway router | delete | 12,430 (3.2% errors) |");
  const auto route = md.find("| route router/chat | delete | 1,200 of 12,430 (3.2% errors) |");
  const auto idle = md.find("| gateway idle | delete | 0 |");
  const auto dataset = md.find("| dataset keep/failures | create |  |");
  ASSERT_NE(dark, std::string::npos) << md;
  ASSERT_NE(gateway, std::string::npos) << md;
  ASSERT_NE(route, std::string::npos) << md;
  ASSERT_NE(idle, std::string::npos) << md;
  ASSERT_NE(dataset, std::string::npos) << md;
  EXPECT_LT(dark, gateway);
  EXPECT_LT(gateway, route);
  EXPECT_LT(route, idle);
  EXPECT_LT(idle, dataset);
}

TEST(ImpactRender, MarkdownWithoutFiguresKeepsThreeColumns) {
  engine::Plan plan = impact_plan();
  for (auto& change : plan.changes) {
    change.impact.reset();
  }
  EXPECT_NE(render_plan_markdown(plan).find("| | Resource | Action |\n|---|---|---|\n"),
            std::string::npos);
}

} // namespace
} // namespace aigw::render
