#pragma once
// The environment the corpus files are written against (also set by the schema test).

#include <map>
#include <optional>
#include <string>

namespace aigw::test {

/// Variables the corpus uses; anything else is unset.
inline const std::map<std::string, std::string> &corpus_env() {
  static const std::map<std::string, std::string> env = {
      {"CLOUDFLARE_ACCOUNT_ID", "acc123"},
      {"OPENAI_API_KEY", "sk-test-openai-0123"},
      {"OTEL_TOKEN", "tok-otel-123"},
      {"STRIPE_KEY", "sk-stripe-123"},
      {"AIGW_TEAM", "blue"},
      {"ANTHROPIC_API_KEY", "sk-test-anthropic-0123"}};
  return env;
}

/// A lookup over corpus_env() for config::LoadOptions.
inline std::optional<std::string> corpus_getenv(const std::string &name) {
  const auto it = corpus_env().find(name);
  return it == corpus_env().end() ? std::nullopt : std::optional<std::string>(it->second);
}

} // namespace aigw::test
