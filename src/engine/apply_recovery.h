#pragma once
// How apply survives a request whose response was lost: re-read before retrying, so that
// a create is never sent twice for an object that already exists.

#include "engine/gateway_api.h"

#include <optional>
#include <string>

namespace aigw::engine {

/// True when the request may or may not have taken effect (timeout, network failure,
/// or a POST reported as outcome_unknown): the caller must re-read before retrying.
[[nodiscard]] bool is_outcome_unknown(const ApiError& error);

/// Creates an object at most once. On an unknown outcome, find() re-reads the collection:
/// when the object is there the create landed and it is returned; when it is not, the
/// create is sent once more. `recovered` (optional) is set when a lost response was resolved.
template <class T, class CreateFn, class FindFn>
ApiResult<T> create_once(CreateFn create, FindFn find, bool* recovered = nullptr) {
  ApiResult<T> first = create();
  if (first.ok() || !is_outcome_unknown(first.error())) {
    return first;
  }
  ApiResult<std::optional<T>> existing = find();
  if (!existing.ok()) {
    return first.error(); // cannot tell whether it landed: report the original failure
  }
  if (recovered != nullptr) {
    *recovered = true;
  }
  if (existing.value().has_value()) {
    return std::move(*existing.value());
  }
  return create();
}

/// Runs an idempotent request (PUT, PATCH, DELETE, deployment, billing POST), sending it
/// once more when its outcome is unknown: repeating it cannot create anything twice.
template <class T, class RequestFn>
ApiResult<T> send_idempotent(RequestFn request, bool* recovered = nullptr) {
  ApiResult<T> first = request();
  if (first.ok() || !is_outcome_unknown(first.error())) {
    return first;
  }
  if (recovered != nullptr) {
    *recovered = true;
  }
  return request();
}

/// An ApiError for a failure apply detects itself (not reported by the API).
[[nodiscard]] ApiError apply_error(std::string message);

} // namespace aigw::engine
