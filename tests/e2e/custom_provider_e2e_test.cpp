// Custom providers end to end: the real aigw against the emulator as a real process. Create,
// plan clean, a change planned and applied as a replace, prune; headers never shown.

#include "apply_e2e_support.h"

#include <gmock/gmock.h>

namespace aigw::test {
namespace {

using testing::HasSubstr;
using testing::Not;

constexpr const char* k_headers = R"({"x-api-key":"acme-header-credential-0123"})";

std::string yaml(const std::string& base_url, bool declared = true) {
  std::string out = "prune: true\n";
  if (!declared) {
    return out + "custom_providers: []\n";
  }
  return out + "custom_providers:\n"
               "  - slug: acme\n"
               "    name: Acme LLM\n"
               "    base_url: " + base_url + "\n"
               "    enable: true\n"
               "    headers: ${ACME_HEADERS}\n";
}

class CustomProvidersE2e : public testing::Test {
protected:
  EmulatorProcess emulator;
  TempDir dir;

  ProcessResult run(const std::string& text, std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"-f", dir.write("aigw.yaml", text)});
    args.insert(args.begin(), aigw_binary());
    auto options = aigw_environment(emulator, true);
    options.env["ACME_HEADERS"] = k_headers;
    return run_process(args, options);
  }
};

TEST_F(CustomProvidersE2e, CreateReplaceAndPruneWithHeadersNeverShown) {
  const auto created = run(yaml("https://a.example/v1"), {"apply", "--auto-approve"});
  ASSERT_EQ(created.exit_code, 0) << describe(created);
  EXPECT_THAT(created.out, HasSubstr("create custom provider acme: done"));
  EXPECT_EQ(run(yaml("https://a.example/v1"), {"plan", "--detailed-exitcode"}).exit_code, 0);
  auto live = emulator_client(emulator)->list_custom_providers();
  ASSERT_TRUE(live.ok());
  ASSERT_EQ(live->size(), 1u);
  EXPECT_EQ(live->front().fields.at("headers").as_string(), k_headers);

  const auto plan = run(yaml("https://b.example/v1"), {"plan", "--output", "json"});
  EXPECT_THAT(plan.out, HasSubstr(R"("action": "replace")"));
  const auto text = run(yaml("https://b.example/v1"), {"plan"});
  EXPECT_THAT(text.out, HasSubstr("-/+ custom provider acme"));
  const auto replaced = run(yaml("https://b.example/v1"), {"apply", "--auto-approve"});
  ASSERT_EQ(replaced.exit_code, 0) << describe(replaced);
  EXPECT_THAT(replaced.out, HasSubstr("replace custom provider acme: done"));
  live = emulator_client(emulator)->list_custom_providers();
  ASSERT_TRUE(live.ok());
  ASSERT_EQ(live->size(), 1u);
  EXPECT_EQ(live->front().fields.at("base_url").as_string(), "https://b.example/v1");
  EXPECT_EQ(run(yaml("https://b.example/v1"), {"plan", "--detailed-exitcode"}).exit_code, 0);

  const auto pruned = run(yaml("", false), {"apply", "--auto-approve", "--force"});
  ASSERT_EQ(pruned.exit_code, 0) << describe(pruned);
  EXPECT_THAT(pruned.out, HasSubstr("delete custom provider acme: done"));
  for (const auto* r : {&created, &plan, &text, &replaced, &pruned}) {
    EXPECT_THAT(r->out + r->err, Not(HasSubstr("acme-header-credential")));
  }
}

} // namespace
} // namespace aigw::test
