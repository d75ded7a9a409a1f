// ApiError text: status, Cloudflare's codes, and for 401/403 what to check.

#include "engine/api_error.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;

ApiError http_error(int status, std::vector<ApiError::Detail> errors) {
  ApiError e;
  e.kind = ApiError::Kind::http;
  e.status = status;
  e.method = "GET";
  e.path = "/accounts/acc/ai-gateway/gateways";
  e.errors = std::move(errors);
  return e;
}

TEST(ApiErrorText, UnauthorizedSaysToCheckTheCredentialsWithTheCodes) {
  const auto text = http_error(401, {{10000, "Authentication error"}}).to_string();
  EXPECT_THAT(text, HasSubstr("GET /accounts/acc/ai-gateway/gateways: HTTP 401: [10000] "
                              "Authentication error ("));
  EXPECT_THAT(text, HasSubstr("check the credentials: CLOUDFLARE_API_TOKEN"));
}

TEST(ApiErrorText, ForbiddenNamesThePermissionAndTheAccountId) {
  const auto text = http_error(403, {{9109, "Unauthorized to access requested resource"}}).to_string();
  EXPECT_THAT(text, HasSubstr("HTTP 403: [9109] Unauthorized to access requested resource"));
  EXPECT_THAT(text, HasSubstr("AI Gateway > Read to plan and Edit to apply"));
  EXPECT_THAT(text, EndsWith("CLOUDFLARE_ACCOUNT_ID)"));
}

TEST(ApiErrorText, CouldNotRouteMeansTheAccountId) {
  const auto text = http_error(404, {{7003, "Could not route to /accounts/nope/ai-gateway, "
                                            "perhaps your object identifier is invalid?"}})
                        .to_string();
  EXPECT_THAT(text, EndsWith("(check the account id: account_id in the YAML or "
                             "CLOUDFLARE_ACCOUNT_ID)"));
}

TEST(ApiErrorText, NoRouteForThatUriMeansTheBaseUrlOrTheAccountId) {
  // A base URL with a wrong path (--api-url https://api.cloudflare.com/v4) gets this too.
  const auto text = http_error(404, {{7000, "No route for that URI"}}).to_string();
  EXPECT_THAT(text, EndsWith("(check the API base URL: --api-url or CLOUDFLARE_API_BASE_URL "
                             "(it ends in /client/v4); and the account id: account_id in the "
                             "YAML or CLOUDFLARE_ACCOUNT_ID)"));
}

TEST(ApiErrorText, OtherErrorsHaveNoHint) {
  EXPECT_EQ(http_error(400, {{7003, "invalid filter"}}).to_string(),
            "GET /accounts/acc/ai-gateway/gateways: HTTP 400: [7003] invalid filter");
  EXPECT_EQ(http_error(500, {}).hint(), "");
}

} // namespace
} // namespace aigw::engine
