#include "cloudflare/client_factory.h"

#include "cloudflare/api_transport.h"
#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/proxy.h"

#include <cstdlib>

namespace aigw::cloudflare {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

} // namespace

Result<ClientOptions, engine::ApiError> options_from_environment(const std::string& api_url_flag,
                                                                 const std::string& account_id) {
  ClientOptions options;
  if (!api_url_flag.empty()) {
    options.api_url = api_url_flag;
  } else if (auto from_env = env("CLOUDFLARE_API_BASE_URL"); !from_env.empty()) {
    options.api_url = from_env;
  }
  options.account_id = account_id.empty() ? env("CLOUDFLARE_ACCOUNT_ID") : account_id;
  if (auto token = env("CLOUDFLARE_API_TOKEN"); !token.empty()) {
    options.api_token = Secret(std::move(token));
  }
  options.email = env("CLOUDFLARE_EMAIL");
  if (auto key = env("CLOUDFLARE_API_KEY"); !key.empty()) {
    options.api_key = Secret(std::move(key));
  }
  if (!options.api_token && (options.api_key.has_value() != !options.email.empty())) {
    engine::ApiError error;
    error.kind = engine::ApiError::Kind::config;
    error.message = "CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY must be set together";
    return error;
  }
  options.ca_file = env("SSL_CERT_FILE");
  const auto proxy = proxy_environment_from_env();
  options.https_proxy = proxy.https_proxy;
  options.no_proxy = proxy.no_proxy;
  return options;
}

Result<std::unique_ptr<engine::GatewayApi>, engine::ApiError>
make_gateway_api(const ClientOptions& options) {
  auto transport = ApiTransport::create(options);
  if (!transport) {
    return std::move(transport).error();
  }
  return std::unique_ptr<engine::GatewayApi>(
      std::make_unique<CloudflareGatewayApi>(std::move(transport).value(), options.account_id));
}

} // namespace aigw::cloudflare
