#pragma once
// Seeding live state through the real client: the port sends a body exactly as it is
// given, so a test builds a create body the way the engine does (engine::create_body: the
// fields the create call accepts, with the defaults its required fields need).

#include "engine/diff.h"

#include <string>

namespace aigw::test {

/// A gateway to create from declared fields, as an apply would send it.
inline model::Gateway gateway_to_create(std::string id, const model::Object& declared = {}) {
  return {std::move(id), engine::create_body(model::ResourceKind::gateway, declared), {}};
}

/// The create body of a dataset from declared fields, as an apply would send it.
inline model::Object dataset_create_fields(const model::Object& declared = {}) {
  return engine::create_body(model::ResourceKind::dataset, declared);
}

} // namespace aigw::test
