// The emulator's request table checked against the reference text it was transcribed from
// (tests/emulator/reference: copies of seeds 002, the REST reference, and 000, the
// TypeScript SDK). Names, whether a field is optional, its type word and its enum values come
// from 002; `| null` and numeric bounds from 000.

#include "emulator/reference_fields.h"
#include "util/concat.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace aigw::emulator::reference {
namespace {

std::string read_reference(const std::string& name) {
  std::ifstream in(std::string(AIGW_SOURCE_DIR) + "/tests/emulator/reference/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string& rest_reference() {
  static const std::string text = read_reference("002_rest_api.txt");
  return text;
}

const std::string& sdk_reference() {
  static const std::string text = read_reference("000_typescript_sdk.txt");
  return text;
}

// The part of an endpoint's section between `from` and `to` ("### Body Parameters" and
// "### Returns").
std::string section(std::string_view heading, std::string_view from, std::string_view to) {
  const std::string& text = rest_reference();
  const std::size_t start = text.find("## " + std::string(heading) + " **");
  if (start == std::string::npos) {
    return {};
  }
  const std::size_t begin = text.find(from, start);
  const std::size_t end = text.find(to, begin);
  if (begin == std::string::npos || end == std::string::npos) {
    return {};
  }
  return text.substr(begin, end - begin);
}

std::string_view type_word(Type type) {
  switch (type) {
  case Type::boolean: return "boolean";
  case Type::number:
  case Type::integer: return "number";
  case Type::string: return "string";
  case Type::object:
  case Type::one_of: return "object";
  case Type::array: return "array";
  case Type::string_map: return "map[string]";
  case Type::scalar_map: return "map[";
  case Type::scalar: return "string or number or boolean";
  case Type::any: return "unknown";
  case Type::enumeration: return "";
  }
  return "";
}

// Fields the emulator deliberately reads differently from 002, each with its reason in
// reference_fields.cpp and docs/emulator.md. The test checks they still differ.
const std::set<std::string> k_deviations = {
    "provider_config_create.secret", "provider_config_create.secret_id"};

std::string body_name(Body body) {
  switch (body) {
  case Body::provider_config_create: return "provider_config_create";
  default: return std::string(seed_heading(body));
  }
}

// Checks one field's line in a section: `- \`name: [optional ]type...\``.
void expect_documented(const std::string& text, const Field& field, const std::string& where,
                       bool deviation) {
  const std::string head = "- `" + std::string(field.name) + ": ";
  bool found = false;
  bool optional_matches = false;
  bool type_matches = false;
  for (std::size_t at = text.find(head); at != std::string::npos; at = text.find(head, at + 1)) {
    found = true;
    std::string_view rest = std::string_view(text).substr(at + head.size());
    const bool is_optional = rest.starts_with("optional ");
    if (is_optional) {
      rest.remove_prefix(std::string_view("optional ").size());
    }
    if (is_optional == !field.required) {
      optional_matches = true;
      const std::string_view word = type_word(field.type);
      type_matches = type_matches || word.empty() || rest.starts_with(word);
    }
  }
  ASSERT_TRUE(found) << where << ": '" << field.name << "' is not in the reference";
  if (deviation) {
    EXPECT_FALSE(optional_matches) << where << ": '" << field.name
                                   << "' is listed as a deviation but now matches the reference";
    return;
  }
  EXPECT_TRUE(optional_matches) << where << ": '" << field.name << "' should be "
                                << (field.required ? "required" : "optional");
  EXPECT_TRUE(type_matches) << where << ": '" << field.name << "' should be a "
                            << type_word(field.type);
  for (const auto value : field.enum_values) {
    const bool listed = text.find(concat("`\"", value, "\"`")) != std::string::npos ||
                        text.find(concat("`", value, "`")) != std::string::npos;
    EXPECT_TRUE(listed) << where << ": value '" << value << "' of '" << field.name
                        << "' is not in the reference";
  }
}

TEST(ReferenceFields, EveryBodyMatchesTheRestReference) {
  ASSERT_FALSE(rest_reference().empty()) << "reference copy missing";
  for (const Body body : all_bodies()) {
    const std::string text = section(seed_heading(body), "### Body Parameters", "### Returns");
    ASSERT_FALSE(text.empty()) << "no body section for " << seed_heading(body);
    for (const auto& field : body_fields(body)) {
      const std::string key = body_name(body) + "." + std::string(field.name);
      expect_documented(text, field, std::string(seed_heading(body)), k_deviations.contains(key));
    }
  }
}

TEST(ReferenceFields, EveryQueryMatchesTheRestReference) {
  for (const Query query : all_queries()) {
    const std::string text = section(seed_heading(query), "### Query Parameters", "### Returns");
    ASSERT_FALSE(text.empty()) << "no query section for " << seed_heading(query);
    for (const auto& field : query_fields(query)) {
      expect_documented(text, field, std::string(seed_heading(query)), false);
    }
  }
}

TEST(ReferenceFields, ElementPropertiesMatchTheRestReference) {
  const std::string text = section("Create a new AI Gateway Dynamic Route.", "### Body Parameters",
                                   "### Returns");
  for (const auto type : element_types()) {
    EXPECT_NE(text.find("`\"" + std::string(type) + "\"`"), std::string::npos) << type;
    const auto* properties = element_properties(type);
    if (properties == nullptr) {
      continue;
    }
    for (const auto& field : *properties) {
      // Documented as required members; `retries` and `timeout` are accepted absent (a
      // deviation documented in reference_fields.cpp).
      const bool relaxed = field.name == "retries" || field.name == "timeout";
      Field as_documented = field;
      as_documented.required = field.required || relaxed;
      expect_documented(text, as_documented, "route element " + std::string(type), false);
    }
  }
}

// The SDK (000) writes `name?: type | null` for nullable fields, and bounds on the lines
// after: `minimum0`, `maximum5000`, `minLength16`, `maxLength1024`.
struct SdkField {
  bool nullable = false;
  std::optional<double> min;
  std::optional<double> max;
};

std::optional<SdkField> sdk_field(std::string_view name) {
  std::istringstream lines(sdk_reference());
  std::string line;
  // The first model in the file is the gateway list response, which carries every field.
  while (std::getline(lines, line)) {
    if (line.starts_with(std::string(name) + ": ") || line.starts_with(std::string(name) + "?: ")) {
      SdkField out{.nullable = line.find("| null") != std::string::npos};
      for (int i = 0; i < 6 && std::getline(lines, line); ++i) {
        for (const auto* prefix : {"minimum", "minLength"}) {
          if (line.starts_with(prefix)) {
            out.min = std::stod(line.substr(std::string_view(prefix).size()));
          }
        }
        for (const auto* prefix : {"maximum", "maxLength"}) {
          if (line.starts_with(prefix)) {
            out.max = std::stod(line.substr(std::string_view(prefix).size()));
          }
        }
        if (line.find(':') != std::string::npos) {
          break;
        }
      }
      return out;
    }
  }
  return std::nullopt;
}

TEST(ReferenceFields, GatewayNullsAndBoundsMatchTheSdk) {
  ASSERT_FALSE(sdk_reference().empty()) << "reference copy missing";
  for (const auto body : {Body::gateway_create, Body::gateway_update}) {
    for (const auto& field : body_fields(body)) {
      SCOPED_TRACE(std::string(field.name));
      const auto documented = sdk_field(field.name);
      ASSERT_TRUE(documented.has_value());
      EXPECT_EQ(field.nullable, documented->nullable);
      if (field.type == Type::object || field.type == Type::array || field.type == Type::one_of) {
        continue;
      }
      EXPECT_EQ(field.min, documented->min);
      EXPECT_EQ(field.max, documented->max);
    }
  }
}

} // namespace
} // namespace aigw::emulator::reference
