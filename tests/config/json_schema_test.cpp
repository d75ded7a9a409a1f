// The generated JSON Schema covers every kind and every writable field of the tables
// (custom providers included), and every property it declares carries a description.

#include "config/json_schema.h"
#include "model/kind_spec.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace aigw::config {
namespace {

using model::Value;

const Value& at(const Value& value, const std::string& key) {
  const Value* member = value.find(key);
  if (member == nullptr) {
    ADD_FAILURE() << "no member '" << key << "'";
    static const Value k_null;
    return k_null;
  }
  return *member;
}

/// The object schema of a kind: a definition, or for a billing singleton its billing key.
const Value& kind_schema(const Value& schema, const model::KindSpec& kind) {
  if (kind.billing) {
    return at(at(at(at(schema, "properties"), "billing"), "properties"), std::string(kind.yaml_key));
  }
  return at(at(schema, "$defs"), std::string(kind.label));
}

void expect_described(const Value& node, const std::string& path) {
  if (node.is_array()) {
    for (const auto& item : node.as_array()) {
      expect_described(item, path + "[]");
    }
    return;
  }
  if (!node.is_object()) {
    return;
  }
  for (const auto& [key, member] : node.as_object()) {
    if (key == "properties" && member.is_object()) {
      for (const auto& [name, property] : member.as_object()) {
        // Inside `if`, `then` and `contains` a property only narrows or tests one declared
        // (and described) elsewhere.
        const bool narrows = path.find(".then") != std::string::npos ||
                             path.find(".if") != std::string::npos ||
                             path.find(".contains") != std::string::npos;
        if (!narrows) {
          EXPECT_NE(property.find("description"), nullptr) << path << ".properties." << name;
        }
        expect_described(property, path + ".properties." + name);
      }
    } else {
      expect_described(member, path + "." + key);
    }
  }
}

TEST(JsonSchema, EveryKindHasItsWritableFieldsAndNoReadOnlyOne) {
  const Value schema = json_schema();
  for (const auto& kind : model::all_kinds()) {
    const Value& properties = at(kind_schema(schema, kind), "properties");
    for (const auto& field : kind.fields) {
      EXPECT_EQ(properties.find(std::string(field.name)) != nullptr, !field.read_only)
          << kind.name << "." << field.name;
    }
    for (const auto key : kind.identity) {
      EXPECT_NE(properties.find(std::string(key)), nullptr) << kind.name << "." << key;
    }
  }
}

TEST(JsonSchema, EveryListedKindIsListedUnderItsParent) {
  const Value schema = json_schema();
  const Value& top = at(schema, "properties");
  const Value& gateway = at(at(at(schema, "$defs"), "gateway"), "properties");
  for (const auto& kind : model::all_kinds()) {
    if (kind.billing) {
      continue;
    }
    const Value& parent = kind.parent == model::Parent::account ? top : gateway;
    const Value& list = at(parent, std::string(kind.yaml_key));
    EXPECT_EQ(at(at(list, "items"), "$ref"), Value("#/$defs/" + std::string(kind.label)))
        << kind.name;
  }
  // Custom providers: the account-level key, their definition with slug required.
  EXPECT_NE(top.find("custom_providers"), nullptr);
  EXPECT_EQ(at(at(at(schema, "$defs"), "custom_provider"), "required"),
            Value(model::Array{"slug", "name", "base_url"}));
}

TEST(JsonSchema, NamesThatAreIdentitiesRefuseControlCharactersLikeTheLoader) {
  const Value schema = json_schema();
  const Value& defs = at(schema, "$defs");
  const Value& pattern = at(at(at(at(defs, "dataset"), "properties"), "name"), "pattern");
  ASSERT_TRUE(pattern.is_string());
  EXPECT_EQ(at(at(at(at(defs, "route"), "properties"), "name"), "pattern"), pattern);
  EXPECT_EQ(at(at(at(at(defs, "provider_config"), "properties"), "alias"), "pattern"), pattern);
  EXPECT_EQ(at(at(at(at(defs, "provider_config"), "properties"), "provider_slug"), "pattern"),
            pattern);
  // The pattern means what the loader checks (ECMAScript, as JSON Schema's regexes are).
  // std::regex reads bytes, so the C1 range (two bytes each in UTF-8) is left out here.
  std::string bytes_pattern = pattern.as_string();
  const std::string c1 = "\\u007F-\\u009F";
  ASSERT_NE(bytes_pattern.find(c1), std::string::npos) << bytes_pattern;
  bytes_pattern.replace(bytes_pattern.find(c1), c1.size(), "\\u007F");
  const std::regex one_line(bytes_pattern, std::regex::ECMAScript);
  EXPECT_TRUE(std::regex_search("support-bot failures", one_line));
  EXPECT_TRUE(std::regex_search("back\\slash \\xZZ", one_line));
  EXPECT_FALSE(std::regex_search("multi\nline", one_line));
  EXPECT_FALSE(std::regex_search("multi\\x0aline", one_line));
  EXPECT_FALSE(std::regex_search("a\\u001bb", one_line));
}

TEST(JsonSchema, NestedShapesComeFromTheTable) {
  const Value schema = json_schema();
  const Value& gateway = at(at(at(schema, "$defs"), "gateway"), "properties");
  EXPECT_EQ(at(at(gateway, "dlp"), "oneOf").as_array().size(), 2U);
  const Value& exporter = at(at(gateway, "otel"), "items");
  EXPECT_EQ(at(at(at(at(exporter, "properties"), "headers"), "additionalProperties"), "type"),
            Value("string"));
  EXPECT_EQ(at(exporter, "required"), Value(model::Array{"authorization", "headers", "url"}));
  EXPECT_EQ(at(at(at(gateway, "guardrails"), "properties"), "prompt").find("properties")->as_object().size(),
            model::guardrail_categories().size());
}

TEST(JsonSchema, EveryPropertyHasADescription) {
  expect_described(json_schema(), "");
}

TEST(JsonSchema, TextIsStable) {
  const std::string text = json_schema_text();
  EXPECT_EQ(text, json_schema_text());
  EXPECT_EQ(text.rfind("{\n  \"$schema\": ", 0), 0U) << text.substr(0, 40);
  EXPECT_EQ(text.back(), '\n');
}

} // namespace
} // namespace aigw::config
