// recompute_saved_plan against the recording fake: a saved plan is recomputed from its own
// desired state and options, and refused when live state or the saved changes differ;
// scope, the mass-delete check and --max-impact run again when it is recomputed.

#include "engine/plan_fixtures.h"
#include "engine/saved_plan.h"
#include "fakes/fake_gateway_api.h"

#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

/// A stand-in for the plan file's record (render::change_record): what the file holds.
std::string record(const Change& c) {
  return std::string(change_kind_name(c.kind)) + " " + c.address() + " " +
         model::Value(c.body).to_json() + " " + c.secret_env + " " + c.server_id;
}

model::Desired declaring(const std::vector<std::string>& ids, double cache_ttl = 300) {
  model::Desired desired;
  desired.account_id = "acct";
  for (const auto& id : ids) {
    desired.resources.gateways.push_back({id, {{"cache_ttl", cache_ttl}}, {}});
  }
  return desired;
}

/// plan --out: the plan made now, saved with the options it was made with.
SavedPlan save(test::FakeGatewayApi& api, const model::Desired& desired,
               MakePlanOptions options = {}) {
  auto made = make_plan(api, desired, options);
  EXPECT_TRUE(made.ok()) << made.error().to_string();
  return SavedPlan{made.ok() ? made->plan : Plan{}, {{"aigw.yaml", "unused here"}}, options};
}

TEST(RecomputeSavedPlan, AnUntouchedPlanOverUnchangedLiveStateIsOkAndRecomputed) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 60.0}}));
  const auto desired = declaring({"gw"});
  const auto saved = save(api, desired);
  const auto check = recompute_saved_plan(api, saved, desired, 8, record);
  ASSERT_TRUE(check.ok()) << check.error().to_string();
  EXPECT_TRUE(check->ok());
  ASSERT_EQ(check->run.plan.changes.size(), 1u);
  EXPECT_EQ(check->run.plan.changes[0].body.at("cache_ttl"), model::Value(300));
}

TEST(RecomputeSavedPlan, ALiveChangeMakesItStaleAndNamesTheObject) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 60.0}}));
  const auto desired = declaring({"gw"});
  const auto saved = save(api, desired);
  api.state.gateways[0].fields["collect_logs"] = false; // someone else's change
  const auto check = recompute_saved_plan(api, saved, desired, 8, record);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->ok());
  EXPECT_EQ(check->stale, std::vector<std::string>{"gateway gw"});
  // The update body carries the live field: the recomputed change differs too.
  EXPECT_EQ(check->modified, std::vector<std::string>{"update gateway gw: differs"});
}

TEST(RecomputeSavedPlan, EditedChangesAreRefusedAndNamed) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 60.0}}));
  api.state.gateways.push_back(test::live_gateway("prod-critical"));
  auto desired = declaring({"gw"});
  desired.scope = {"gw"};
  const auto saved = save(api, desired);

  auto body = saved;
  body.plan.changes[0].body["cache_ttl"] = 999;
  auto check = recompute_saved_plan(api, body, desired, 8, record);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->modified, std::vector<std::string>{"update gateway gw: differs"});

  auto added = saved;
  Change drop;
  drop.kind = ChangeKind::remove;
  drop.gateway_id = "prod-critical";
  added.plan.changes.push_back(drop);
  check = recompute_saved_plan(api, added, desired, 8, record);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->modified,
            std::vector<std::string>{"delete gateway prod-critical: only in the saved plan"});
  EXPECT_TRUE(check->stale.empty());

  auto kind = saved;
  kind.plan.changes[0].kind = ChangeKind::remove;
  check = recompute_saved_plan(api, kind, desired, 8, record);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->modified,
            std::vector<std::string>{"delete gateway gw: recomputed as update gateway gw"});

  // One extra change is named as itself, not as a shift of every pair after it.
  Change other = saved.plan.changes[0];
  other.gateway_id = "aaa-first";
  other.key.clear();
  std::vector<Change> longer = {other, saved.plan.changes[0]};
  EXPECT_EQ(change_differences(saved.plan.changes, longer, record),
            std::vector<std::string>{"update gateway aaa-first: not in the saved plan"});
  std::vector<Change> swapped = {saved.plan.changes[0], other};
  EXPECT_EQ(change_differences({other, saved.plan.changes[0]}, swapped, record),
            std::vector<std::string>{"the order of the changes differs"});

  auto account = saved;
  account.plan.account_id = "other";
  check = recompute_saved_plan(api, account, desired, 8, record);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->modified.size(), 1u);
  EXPECT_FALSE(check->ok());
  for (const auto& call : api.calls()) {
    EXPECT_EQ(call.rfind("GET ", 0), 0u) << "recomputing writes nothing: " << call;
  }
}

TEST(RecomputeSavedPlan, RemovedFingerprintsAreRefused) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 60.0}}));
  const auto desired = declaring({"gw"});
  auto saved = save(api, desired);
  ASSERT_FALSE(saved.plan.fingerprints.empty());
  saved.plan.fingerprints.clear();
  const auto check = recompute_saved_plan(api, saved, desired, 8, record);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->ok());
  EXPECT_NE(std::find(check->stale.begin(), check->stale.end(), "gateway gw"), check->stale.end());
}

TEST(RecomputeSavedPlan, TheMassDeleteCheckRunsAgain) {
  test::FakeGatewayApi api;
  for (int i = 0; i < 8; ++i) {
    api.state.gateways.push_back(test::live_gateway("gw-" + std::to_string(i)));
  }
  std::vector<std::string> kept;
  for (int i = 0; i < 6; ++i) {
    kept.push_back("gw-" + std::to_string(i));
  }
  auto desired = declaring(kept);
  desired.prune = true;
  for (auto& g : api.state.gateways) {
    g.fields["cache_ttl"] = 300.0;
  }
  const auto saved = save(api, desired); // 2 of 8: within the threshold
  ASSERT_EQ(saved.plan.counts().remove, 2u);
  api.state.gateways.push_back(test::live_gateway("gw-8"));
  api.state.gateways.push_back(test::live_gateway("gw-9"));
  const auto check = recompute_saved_plan(api, saved, desired, 8, record);
  ASSERT_FALSE(check.ok()); // 4 of 10: refused at apply, not only when planned
  EXPECT_EQ(check.error().step, WorkflowError::Step::build_plan);
  EXPECT_NE(check.error().to_string().find("refusing to delete 4 of 10"), std::string::npos)
      << check.error().to_string();
}

TEST(RecomputeSavedPlan, ScopeRunsAgainAGatewayOutsideItIsNeverTouched) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("team-a", {{"cache_ttl", 300.0}}));
  api.state.gateways.push_back(test::live_gateway("team-old", {{"cache_ttl", 300.0}}));
  auto desired = declaring({"team-a"});
  desired.scope = {"team-*"};
  desired.prune = true;
  const auto saved = save(api, desired);
  api.state.gateways.push_back(test::live_gateway("other")); // appears outside scope
  const auto check = recompute_saved_plan(api, saved, desired, 8, record);
  ASSERT_TRUE(check.ok()) << check.error().to_string();
  EXPECT_TRUE(check->ok());
  ASSERT_EQ(check->run.plan.changes.size(), 1u);
  EXPECT_EQ(check->run.plan.changes[0].address(), "gateway team-old");
}

TEST(RecomputeSavedPlan, MaxImpactRunsAgainWithTodaysTraffic) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 300.0}}));
  api.state.gateways.push_back(test::live_gateway("busy"));
  auto desired = declaring({"gw"});
  desired.prune = true;
  MakePlanOptions options;
  options.max_impact = 1;
  const auto saved = save(api, desired, options);
  for (int i = 0; i < 2; ++i) {
    api.logs.push_back({"busy", std::chrono::system_clock::now(), true, "gpt-4o-mini"});
  }
  const auto check = recompute_saved_plan(api, saved, desired, 8, record);
  ASSERT_FALSE(check.ok());
  EXPECT_NE(check.error().to_string().find("--max-impact 1"), std::string::npos);
}

TEST(OptionDifferences, NamesEveryFlagThatDiffers) {
  MakePlanOptions saved;
  EXPECT_TRUE(option_differences(saved, saved).empty());
  MakePlanOptions given = saved;
  given.concurrency = 3; // not an option of the plan
  given.plan.fingerprints = false;
  EXPECT_TRUE(option_differences(saved, given).empty());
  saved.plan.prune = true;
  saved.targets = {"team-*"};
  saved.max_impact = 5;
  given.impact.mode = ImpactMode::all;
  given.impact.window = "7d";
  EXPECT_EQ(option_differences(saved, given),
            (std::vector<std::string>{
                "--prune: the plan was made with it, this apply without it",
                "--gateway: the plan was made with team-*, this apply with (none)",
                "--impact/--no-impact: the plan was made with (neither --impact nor "
                "--no-impact), this apply with --impact",
                "--impact-window: the plan was made with 24h, this apply with 7d",
                "--max-impact: the plan was made with 5, this apply without it"}));
}

TEST(FingerprintDifferences, NamesChangedMissingAndExtraAddresses) {
  const std::vector<Fingerprint> saved = {{"gateway a", "1"}, {"gateway b", "2"}};
  const std::vector<Fingerprint> now = {{"gateway a", "1"}, {"gateway b", "3"}, {"gateway c", "4"}};
  EXPECT_EQ(fingerprint_differences(saved, now),
            (std::vector<std::string>{"gateway b", "gateway c"}));
  EXPECT_EQ(fingerprint_differences(now, saved),
            (std::vector<std::string>{"gateway b", "gateway c"}));
  EXPECT_TRUE(fingerprint_differences(saved, saved).empty());
}

} // namespace
} // namespace aigw::engine
