#include "engine/apply_custom_provider.h"

#include "engine/apply_recovery.h"

#include <algorithm>
#include <optional>

namespace aigw::engine {
namespace {

std::string slug_of(const Change& change) { return change.key.empty() ? "" : change.key[0]; }

/// POSTs the provider at most once: after a lost response, the list tells whether it landed.
ApiResult<std::string> create(GatewayApi& api, const Change& change) {
  if ((!change.secret || change.secret->empty()) && !change.secret_env.empty()) {
    return apply_error("environment variable `" + change.secret_env + "` is not set");
  }
  model::CustomProvider desired;
  desired.slug = slug_of(change);
  desired.fields = change.body;
  desired.fields.erase("slug"); // the port sends the slug from the key
  desired.headers = change.secret;
  bool recovered = false;
  auto created = create_once<model::CustomProvider>(
      [&] { return api.create_custom_provider(desired); },
      [&]() -> ApiResult<std::optional<model::CustomProvider>> {
        auto all = api.list_custom_providers();
        if (!all) {
          return all.error();
        }
        auto it = std::find_if(all->begin(), all->end(),
                               [&](const auto& p) { return p.slug == desired.slug; });
        return it == all->end() ? std::nullopt : std::optional(*it);
      },
      &recovered);
  if (!created) {
    return created.error();
  }
  return std::string(recovered ? "created (after re-reading a lost response)" : "created");
}

/// DELETE by server id; 404 means it is already gone, which is what was asked for.
ApiResult<std::string> remove(GatewayApi& api, const Change& change) {
  auto deleted = send_idempotent<Unit>([&] { return api.delete_custom_provider(change.server_id); });
  if (!deleted && deleted.error().kind != ApiError::Kind::not_found) {
    return deleted.error();
  }
  return std::string(deleted ? "deleted" : "already deleted");
}

} // namespace

ApiResult<std::string> run_custom_provider_change(GatewayApi& api, const Change& change) {
  switch (change.kind) {
  case ChangeKind::create: return create(api, change);
  case ChangeKind::remove: return remove(api, change);
  case ChangeKind::replace: {
    auto removed = remove(api, change);
    if (!removed) {
      return removed.error();
    }
    auto created = create(api, change);
    if (!created) {
      return created.error();
    }
    return "replaced: " + *removed + ", then " + *created;
  }
  default: return apply_error("custom providers can only be created, replaced or deleted");
  }
}

} // namespace aigw::engine
