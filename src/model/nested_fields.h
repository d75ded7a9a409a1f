#pragma once
// The fields with nested shapes, member by member, from the reference (002: the gateway
// update body and the dataset create body; the SDK's AIGatewayUpdateParams where 002 is
// silent): set-like lists and credentials are marked where they are. Part of the field
// table (field_spec.h), kept apart because each shape is long.

#include "model/field_spec.h"

namespace aigw::model {

/// gateway `dlp`: {action, enabled, profiles} or {enabled, policies}.
FieldSpec dlp_field();
/// gateway `guardrails`: {prompt, response}, each category -> FLAG or BLOCK.
FieldSpec guardrails_field();
/// gateway `otel`: exporters [{authorization, headers, url, content_type}]; credentials
/// in authorization and every header value.
FieldSpec otel_field();
/// gateway `stripe`: {authorization, usage_events: [{payload}]}; authorization a credential.
FieldSpec stripe_field();
/// dataset `filters`: [{key, operator, value: [scalar]}].
FieldSpec filters_field();

/// Builders for nested specs (also used for route element properties).
FieldSpec object_of(std::string_view name, std::string_view description,
                    std::vector<FieldSpec> members);
FieldSpec array_of(std::string_view name, std::string_view description, FieldSpec item);
FieldSpec map_of(std::string_view name, std::string_view description, FieldSpec value);
/// The same spec, marked as a member its object must have.
FieldSpec required(FieldSpec spec);

} // namespace aigw::model
