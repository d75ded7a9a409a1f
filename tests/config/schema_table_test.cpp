// schemas/aigw.schema.json describes exactly the writable fields of the shared table
// (model::field_specs): same names, types, ranges and enums; read-only fields absent; and
// every property carries a description for editors.

#include "model/field_spec.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace json = boost::json;
using aigw::model::FieldType;
using aigw::model::ResourceKind;

namespace {

json::object load_schema() {
  std::ifstream in(std::string(AIGW_SOURCE_DIR) + "/schemas/aigw.schema.json");
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str()).as_object();
}

const json::object &properties_of(const json::object &schema, ResourceKind kind) {
  const auto &defs = schema.at("$defs").as_object();
  const auto &billing = schema.at("properties").at("billing").at("properties").as_object();
  switch (kind) {
  case ResourceKind::gateway: return defs.at("gateway").at("properties").as_object();
  case ResourceKind::dataset: return defs.at("dataset").at("properties").as_object();
  case ResourceKind::provider_config:
    return defs.at("provider_config").at("properties").as_object();
  case ResourceKind::spending_limit:
    return billing.at("spending_limit").at("properties").as_object();
  case ResourceKind::custom_provider:
    return defs.at("custom_provider").at("properties").as_object();
  default: return billing.at("auto_topup").at("properties").as_object();
  }
}

void expect_description_everywhere(const json::value &node, const std::string &path) {
  if (!node.is_object()) {
    return;
  }
  const auto &obj = node.as_object();
  if (const auto *props = obj.if_contains("properties"); props != nullptr && props->is_object()) {
    for (const auto &[name, sub] : props->as_object()) {
      const auto &sub_obj = sub.as_object();
      // Inside `then` branches a property only narrows one declared above.
      if (path.find("then") == std::string::npos) {
        EXPECT_TRUE(sub_obj.contains("description")) << path << "." << name;
      }
      expect_description_everywhere(sub, path + "." + std::string(name));
    }
  }
  for (const char *key : {"items", "then"}) {
    if (const auto *child = obj.if_contains(key)) {
      expect_description_everywhere(*child, path + "." + key);
    }
  }
  for (const char *key : {"allOf", "oneOf", "anyOf"}) {
    if (const auto *list = obj.if_contains(key)) {
      for (const auto &item : list->as_array()) {
        expect_description_everywhere(item, path + "." + key);
      }
    }
  }
  if (const auto *defs = obj.if_contains("$defs")) {
    for (const auto &[name, def] : defs->as_object()) {
      expect_description_everywhere(def, "$defs." + std::string(name));
    }
  }
}

} // namespace

TEST(SchemaTable, WritableFieldsMatchTheTable) {
  const auto schema = load_schema();
  for (const auto kind :
       {ResourceKind::gateway, ResourceKind::dataset, ResourceKind::provider_config,
        ResourceKind::spending_limit, ResourceKind::auto_topup, ResourceKind::custom_provider}) {
    const auto &props = properties_of(schema, kind);
    for (const auto &spec : aigw::model::field_specs(kind)) {
      const std::string name(spec.name);
      if (spec.read_only) {
        EXPECT_FALSE(props.contains(name)) << name << " is read-only";
        continue;
      }
      ASSERT_TRUE(props.contains(name)) << name;
      const auto &p = props.at(name).as_object();
      if (spec.type == FieldType::object && p.contains("oneOf")) {
        continue; // dlp: a union of two object forms
      }
      EXPECT_EQ(p.at("type").as_string(), std::string(aigw::model::json_type_name(spec.type))) << name;
      const bool is_string = spec.type == FieldType::string;
      if (spec.min) {
        const auto &v = p.at(is_string ? "minLength" : "minimum");
        EXPECT_EQ(v.to_number<double>(), *spec.min) << name;
      }
      if (spec.max) {
        const auto &v = p.at(is_string ? "maxLength" : "maximum");
        EXPECT_EQ(v.to_number<double>(), *spec.max) << name;
      }
      if (spec.type == FieldType::enumeration) {
        const auto &values = p.at("enum").as_array();
        ASSERT_EQ(values.size(), spec.enum_values.size()) << name;
        for (std::size_t i = 0; i < values.size(); ++i) {
          EXPECT_EQ(values[i].as_string(), spec.enum_values[i]) << name;
        }
      }
    }
  }
}

TEST(SchemaTable, EveryPropertyHasADescription) {
  const auto schema = load_schema();
  expect_description_everywhere(json::value(schema), "");
}

TEST(SchemaTable, ElementTypesAndFilterKeysMatchTheTable) {
  const auto schema = load_schema();
  const auto &defs = schema.at("$defs").as_object();
  const auto &types = defs.at("element").at("properties").at("type").at("enum").as_array();
  ASSERT_EQ(types.size(), aigw::model::route_element_types().size());
  const auto &keys = defs.at("dataset")
                         .at("properties")
                         .at("filters")
                         .at("items")
                         .at("properties")
                         .at("key")
                         .at("enum")
                         .as_array();
  ASSERT_EQ(keys.size(), aigw::model::dataset_filter_keys().size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(keys[i].as_string(), aigw::model::dataset_filter_keys()[i]);
  }
}
