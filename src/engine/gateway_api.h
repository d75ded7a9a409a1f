#pragma once
// GatewayApi: the port through which the engine reads and changes an account.
// cloudflare::CloudflareGatewayApi implements it over HTTPS; tests plug in fakes.
// Implementations must be safe to call from several threads at once.

#include "engine/api_error.h"
#include "model/resources.h"
#include "util/result.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aigw::engine {

template <class T> using ApiResult = Result<T, ApiError>;
using ApiStatus = Result<Unit, ApiError>;

/// Request counters, for plan/apply summaries and benchmarks.
struct ApiStats {
  std::uint64_t requests = 0;
  std::uint64_t retries = 0;
  /// Requests held back by the client rate limiter or by a 429 answer.
  std::uint64_t rate_limit_waits = 0;
  /// "GET gateways 200" -> count (method, endpoint template, status).
  std::map<std::string, std::uint64_t> by_endpoint;
};

/// Which logs of one gateway to count (the logs list's filters).
struct LogCountQuery {
  std::string gateway_id;
  std::chrono::system_clock::time_point since; ///< `start_date`
  std::optional<bool> success;                 ///< `success`; nullopt: every log
  std::string model;                           ///< `model`; "" : any model
};

/// One gateway's child lists: one slot per kind of gateway_child_kinds() (engine/child_lists.h),
/// in that order; each holds only its kind, stamped with the gateway id. Empty: not read.
using ChildReads = std::vector<std::optional<ApiResult<model::Resources>>>;

/// The gateway list and the child lists read with it (GatewayApi::read_gateway_tree).
struct GatewayTree {
  ApiResult<std::vector<model::Gateway>> gateways{std::vector<model::Gateway>{}};
  std::map<std::string, ChildReads> children; ///< gateway id -> its lists
};

class GatewayApi {
public:
  virtual ~GatewayApi() = default;

  // Gateways (account level). Live Gateway.fields carries every field the API returned.
  virtual ApiResult<std::vector<model::Gateway>> list_gateways() = 0;
  /// Receives each page of the gateway list as it arrives, one call at a time (possibly
  /// from different threads), before list_gateways_by_page returns.
  using GatewayPageSink = std::function<void(const std::vector<model::Gateway>&)>;
  /// list_gateways(), also handing each page to on_page as soon as it arrives, so that
  /// reads depending on a gateway start before the last page is in. The default hands
  /// the whole list over as one page.
  virtual ApiResult<std::vector<model::Gateway>> list_gateways_by_page(const GatewayPageSink& on_page);
  /// Which gateways read_gateway_tree lists the children of (called one page at a time).
  using WantsChildren = std::function<bool(const model::Gateway&)>;
  /// A gateway list already under way (engine/gateway_list_prefetch.h): hands each page to
  /// the sink, from its own thread, and returns the whole list.
  using GatewayListSource =
      std::function<ApiResult<std::vector<model::Gateway>>(const GatewayPageSink&)>;
  /// The gateway list (from `list` when given, else list_gateways_by_page), and the child
  /// lists of every listed gateway wants_children accepts, each gateway's started as soon
  /// as the page naming it arrives; at most `concurrency` requests at once. The default
  /// runs the per-kind lists on a pool of threads; the HTTP client sends everything from
  /// one thread.
  virtual GatewayTree read_gateway_tree(const WantsChildren& wants_children, int concurrency,
                                        const GatewayListSource& list = {});
  /// POST with only the fields the create call accepts; returns the created gateway.
  virtual ApiResult<model::Gateway> create_gateway(const model::Gateway& gateway) = 0;
  /// PUT with a full body: `gateway.fields` must already hold every field to keep.
  virtual ApiResult<model::Gateway> update_gateway(const model::Gateway& gateway) = 0;
  virtual ApiStatus delete_gateway(const std::string& gateway_id) = 0;

  // Datasets.
  virtual ApiResult<std::vector<model::Dataset>> list_datasets(const std::string& gateway_id) = 0;
  virtual ApiResult<model::Dataset> create_dataset(const model::Dataset& dataset) = 0;
  /// PUT by dataset.server_id with name, enable and filters.
  virtual ApiResult<model::Dataset> update_dataset(const model::Dataset& dataset) = 0;
  virtual ApiStatus delete_dataset(const std::string& gateway_id, const std::string& server_id) = 0;

  // Provider configs: create and list only (the API has no update or delete).
  virtual ApiResult<std::vector<model::ProviderConfig>>
  list_provider_configs(const std::string& gateway_id) = 0;
  virtual ApiResult<model::ProviderConfig> create_provider_config(const model::ProviderConfig& config) = 0;

  // Dynamic routes. list_routes carries each route's deployed elements and version.
  virtual ApiResult<std::vector<model::Route>> list_routes(const std::string& gateway_id) = 0;
  /// POST name + elements; the API creates and deploys the first version.
  virtual ApiResult<model::Route> create_route(const model::Route& route) = 0;
  /// PATCH the name.
  virtual ApiResult<model::Route> rename_route(const std::string& gateway_id,
                                               const std::string& route_id,
                                               const std::string& new_name) = 0;
  virtual ApiStatus delete_route(const std::string& gateway_id, const std::string& route_id) = 0;
  virtual ApiResult<std::vector<model::RouteVersion>>
  list_route_versions(const std::string& gateway_id, const std::string& route_id) = 0;
  /// POST a version. The response does not reliably name the new version: callers find it
  /// by listing versions before and after.
  virtual ApiStatus create_route_version(const std::string& gateway_id, const std::string& route_id,
                                         const std::vector<model::RouteElement>& elements) = 0;
  virtual ApiStatus create_route_deployment(const std::string& gateway_id,
                                            const std::string& route_id,
                                            const std::string& version_id) = 0;

  // Billing singletons: nullopt when none is set.
  virtual ApiResult<std::optional<model::SpendingLimit>> get_spending_limit() = 0;
  virtual ApiStatus set_spending_limit(const model::SpendingLimit& limit) = 0;
  virtual ApiStatus delete_spending_limit() = 0;
  virtual ApiResult<std::optional<model::AutoTopup>> get_auto_topup() = 0;
  virtual ApiStatus set_auto_topup(const model::AutoTopup& topup) = 0;
  virtual ApiStatus delete_auto_topup() = 0;

  // Custom providers (account level): list (paged), create and delete; no update.
  // Defaults answer an error, for ports that do not serve them.
  virtual ApiResult<std::vector<model::CustomProvider>> list_custom_providers();
  /// POST `provider.fields` as given, plus `slug` and the revealed `headers`.
  virtual ApiResult<model::CustomProvider> create_custom_provider(const model::CustomProvider& provider);
  virtual ApiStatus delete_custom_provider(const std::string& server_id);

  /// The number of logs matching the query: the logs list's `result_info.total_count`,
  /// asked with per_page=1 (one request). Implementations without logs answer an error.
  virtual ApiResult<std::uint64_t> count_logs(const LogCountQuery& query);

  /// Counters since construction.
  [[nodiscard]] virtual ApiStats stats() const = 0;
};

} // namespace aigw::engine
