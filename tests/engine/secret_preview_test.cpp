// Secret rotation from the live secret_preview: only what the preview shows can prove a
// difference.

#include "engine/secret_preview.h"

#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

struct PreviewCase {
  const char* preview;
  const char* secret;
  bool contradicts;
};

TEST(SecretPreview, ComparesOnlyTheVisibleEnds) {
  const std::vector<PreviewCase> table = {
      {"sk-...789", "sk-test-0123456789", false},
      {"sk-...789", "sk-test-0123456780", true},  // end differs
      {"sk-...789", "pk-test-0123456789", true},  // start differs
      {"sk-***789", "sk-test-0123456789", false}, // asterisks mask too
      {"sk-\xe2\x80\xa6"
       "789",
       "sk-test-0123456789", false},      // a UTF-8 ellipsis
      {"****", "anything-at-all", false}, // all mask: proves nothing
      {"", "anything-at-all", false},     // nothing shown: proves nothing
      {"sk-...789", "sk789", true},       // shorter than what is shown
      {"exact", "exact", false},          // no mask: the whole value
      {"exact", "other", true},
  };
  for (const auto& c : table) {
    SCOPED_TRACE(std::string(c.preview) + " vs " + c.secret);
    EXPECT_EQ(preview_contradicts(c.preview, Secret(c.secret)), c.contradicts);
  }
}

} // namespace
} // namespace aigw::engine
