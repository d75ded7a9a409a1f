// aigw's field table (model, what aigw validates and sends) and the emulator's own
// transcription of the reference (emulator/reference_fields, what the API accepts) are kept
// apart on purpose, so a mistake in one fails a test instead of being copied. This test
// compares their nested shapes member by member (names, which members are required, types,
// enums, ranges) and names every difference, so the two cannot drift apart silently.

#include "emulator/reference_fields.h"
#include "emulator/validation.h"
#include "model/field_spec.h"
#include "model/route_element_spec.h"
#include "model/web_url.h"

#include <boost/json/value.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace aigw {
namespace {

using emulator::reference::Field;
using emulator::reference::Type;
using model::FieldSpec;
using model::FieldType;

bool same_type(const FieldSpec& spec, const Field& field) {
  switch (spec.type) {
  case FieldType::boolean: return field.type == Type::boolean;
  case FieldType::number:
    return field.type == (spec.whole ? Type::integer : Type::number);
  case FieldType::string: return field.type == Type::string;
  case FieldType::enumeration: return field.type == Type::enumeration;
  case FieldType::object:
    return field.type == (spec.variants.empty() ? Type::object : Type::one_of);
  case FieldType::array: return field.type == Type::array;
  case FieldType::map: return field.type == Type::string_map;
  case FieldType::scalar: return field.type == Type::scalar;
  case FieldType::any: return field.type == Type::any;
  }
  return false;
}

std::set<std::string> as_set(const std::vector<std::string_view>& values) {
  return {values.begin(), values.end()};
}

void compare(const FieldSpec& spec, const Field& field, const std::string& path);

void compare_members(const std::vector<FieldSpec>& specs, const std::vector<Field>& fields,
                     const std::string& path) {
  for (const auto& spec : specs) {
    const auto it = std::find_if(fields.begin(), fields.end(),
                                 [&](const Field& f) { return f.name == spec.name; });
    if (it == fields.end()) {
      ADD_FAILURE() << path << "." << spec.name << ": in aigw's table, not in the reference";
      continue;
    }
    EXPECT_EQ(spec.required, it->required) << path << "." << spec.name << ": required";
    compare(spec, *it, path + "." + std::string(spec.name));
  }
  for (const auto& field : fields) {
    const bool known = std::any_of(specs.begin(), specs.end(),
                                   [&](const FieldSpec& s) { return s.name == field.name; });
    EXPECT_TRUE(known) << path << "." << field.name << ": in the reference, not in aigw's table";
  }
}

void compare(const FieldSpec& spec, const Field& field, const std::string& path) {
  ASSERT_TRUE(same_type(spec, field)) << path << ": types differ";
  EXPECT_EQ(as_set(spec.enum_values), as_set(field.enum_values)) << path << ": enum values";
  EXPECT_EQ(spec.max, field.max) << path << ": max";
  EXPECT_EQ(spec.web_url, field.uri) << path << ": an http(s) URL in one table only";
  // A URL (`format uri`) is never empty; aigw's table says so with a minimum length of 1.
  // The reference's minimum member count of an object (`guardrails: {}` is refused) is not
  // aigw's: it reads an empty object as none.
  const bool url = field.uri && spec.min == 1.0 && !field.min;
  if (!url && spec.type != FieldType::object) {
    EXPECT_EQ(spec.min, field.min) << path << ": min";
  }
  compare_members(spec.members, field.members, path);
  ASSERT_EQ(spec.variants.size(), field.variants.size()) << path << ": forms";
  for (std::size_t i = 0; i < spec.variants.size(); ++i) {
    compare_members(spec.variants[i].members, field.variants[i].members,
                    path + "(form " + std::to_string(i + 1) + ")");
  }
  if (spec.type == FieldType::array) {
    ASSERT_TRUE(spec.element != nullptr && field.items.size() == 1) << path << ": items";
    compare(*spec.element, field.items.front(), path + "[]");
  }
}

const Field& body_field(emulator::reference::Body body, std::string_view name) {
  const auto& fields = emulator::reference::body_fields(body);
  return *std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
}

TEST(TableAgreement, GatewayNestedFieldsMatchTheReference) {
  for (const auto* name : {"dlp", "guardrails", "otel", "stripe"}) {
    compare(*model::find_field(model::ResourceKind::gateway, name),
            body_field(emulator::reference::Body::gateway_update, name), name);
  }
}

TEST(TableAgreement, DatasetFiltersMatchTheReference) {
  compare(*model::find_field(model::ResourceKind::dataset, "filters"),
          body_field(emulator::reference::Body::dataset_write, "filters"), "filters");
}

TEST(TableAgreement, RouteElementPropertiesMatchTheReference) {
  for (const auto& element : model::route_element_specs()) {
    const auto* members = emulator::reference::element_properties(element.type);
    ASSERT_EQ(element.properties.has_value(), members != nullptr) << element.type;
    if (members != nullptr) {
      compare_members(element.properties->members, *members, std::string(element.type));
    }
  }
}

TEST(TableAgreement, RouteElementRequiredOutputsMatchTheReference) {
  for (const auto& element : model::route_element_specs()) {
    std::set<std::string> required;
    for (const auto& output : element.outputs) {
      if (output.required) {
        required.insert(std::string(output.name));
      }
    }
    const auto reference = emulator::reference::element_required_outputs(element.type);
    EXPECT_EQ(required, std::set<std::string>(reference.begin(), reference.end())) << element.type;
  }
}

TEST(TableAgreement, AigwAndTheEmulatorAgreeOnWhatIsAnHttpUrl) {
  const Field url{.name = "url", .type = Type::string, .uri = true};
  for (const char* text :
       {"https://api.example.com", "http://127.0.0.1:8080/v1", "https://[::1]:8443/x",
        "https://user:pass@host.example/p", "HTTPS://HOST.EXAMPLE/V1", "https://h.example/a%20b",
        "https://h:/x", "notaurl", "", "ftp://files.example/x", "https://", "https:///path",
        "https://:443", "https://user@:443/x", "https://host:abc/", "https://[::1/x",
        "https://api.example .com", "https://api.example/a b", "https://api.example/<x>",
        "https://api.example/x#a#b", "https://api.example/%zz", "mailto:a@b.example",
        "https:/one-slash.example", "https://h\xc3\xa9.example/"}) {
    const bool emulator_accepts = !emulator::check_value(url, boost::json::value(text), "url");
    EXPECT_EQ(model::is_web_url(text), emulator_accepts) << text;
  }
}

} // namespace
} // namespace aigw
