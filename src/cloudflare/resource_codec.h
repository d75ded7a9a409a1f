#pragma once
// Resource codec: API JSON objects (as model::Value) to model resources and back.
// Reading takes the value (move it in: nothing is copied) and keeps every field the API
// returned, known or not, so a full-body PUT can send
// unknown fields back unchanged. Errors name the field that was missing or mistyped.

#include "model/field_spec.h"
#include "model/resources.h"
#include "util/result.h"

#include <optional>
#include <string>

namespace aigw::cloudflare {

/// A live gateway: `id` plus every other field in `fields`.
Result<model::Gateway> gateway_from_value(model::Value value);
/// A live dataset: `id` becomes server_id; `name` is the identity.
Result<model::Dataset> dataset_from_value(const std::string& gateway_id, model::Value value);
/// A live provider config (the API shows `secret_preview`, never the secret).
Result<model::ProviderConfig> provider_config_from_value(const std::string& gateway_id,
                                                         model::Value value);
/// A live route with its deployed elements (from `elements`, else `version.data`).
Result<model::Route> route_from_value(const std::string& gateway_id, model::Value value);
/// One item of `data.versions` (elements from `elements`, else the `data` JSON string).
Result<model::RouteVersion> route_version_from_value(model::Value value);
/// GET spending-limit's `result`; nullopt when `config` is null or the limit is disabled.
Result<std::optional<model::SpendingLimit>> spending_limit_from_value(const model::Value& result);
/// GET topup/config's `result`; nullopt when null.
Result<std::optional<model::AutoTopup>> auto_topup_from_value(const model::Value& result);

/// A live custom provider: `id` becomes server_id, `slug` the identity; `headers` (it may
/// hold credentials) is registered with the redactor.
Result<model::CustomProvider> custom_provider_from_value(model::Value value);
/// POST custom-providers body: exactly the fields given, `slug`, and the revealed `headers`.
model::Value custom_provider_body(const model::CustomProvider& provider);

/// POST gateways and PUT gateways/{id} body: `id` and every field given except read-only
/// ones, unknown included. A create sends what the engine's create body holds (the fields
/// create accepts, defaults filled in, engine::create_body); nothing is filtered again here.
model::Value gateway_body(const model::Gateway& gateway);
/// POST/PUT datasets body: `name`, `enable`, `filters` (and unknown writable fields).
model::Value dataset_body(const model::Dataset& dataset);
/// POST provider_configs body, including the revealed secret: never log it.
model::Value provider_config_body(const model::ProviderConfig& config);
/// POST routes body: `name` and `elements`.
model::Value route_create_body(const model::Route& route);
/// POST body of a billing singleton: only the fields its table declares.
model::Value billing_body(model::ResourceKind kind, const model::Object& fields);

} // namespace aigw::cloudflare
