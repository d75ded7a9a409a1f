#include "cloudflare/json_codec.h"

#include <gtest/gtest.h>

namespace aigw::cloudflare {
namespace {

TEST(JsonCodec, ParsesEveryKind) {
  auto value = parse_json(R"({"a":[1,2.5,"x",true,null,{"b":{}}],"big":18446744073709551615})");
  ASSERT_TRUE(value.ok()) << value.error().message;
  const auto& a = value->find("a")->as_array();
  ASSERT_EQ(a.size(), 6u);
  EXPECT_EQ(a[0], model::Value(1));
  EXPECT_EQ(a[1], model::Value(2.5));
  EXPECT_EQ(a[2], model::Value("x"));
  EXPECT_EQ(a[3], model::Value(true));
  EXPECT_TRUE(a[4].is_null());
  EXPECT_TRUE(a[5].find("b")->is_object());
  EXPECT_TRUE(value->find("big")->is_number());
}

TEST(JsonCodec, RoundTripsThroughModelSerialisation) {
  const std::string text = R"({"cache_ttl":300,"guardrails":{"prompt":{"S1":"BLOCK"}},"x":[1.5]})";
  auto value = parse_json(text);
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value->to_json(), text);
}

TEST(JsonCodec, NumbersADoubleCannotHoldKeepTheirText) {
  const std::string text =
      R"({"big":9007199254740993,"huge":1e400,"long":0.12345678901234567891,"tiny":1e-400,)"
      R"("u":18446744073709551615})";
  auto value = parse_json(text);
  ASSERT_TRUE(value.ok()) << value.error().message;
  EXPECT_EQ(value->to_json(), text);
  EXPECT_EQ(value->find("big")->number_text(), "9007199254740993");
  EXPECT_NE(*value->find("big"), *parse_json("9007199254740992"));
  EXPECT_EQ(*value->find("huge"), *parse_json("1e400"));
}

TEST(JsonCodec, NumbersADoubleHoldsPrintAsBefore) {
  auto value = parse_json(R"({"a":300,"b":0.5,"c":5E-1,"d":-12,"e":1.0})");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value->to_json(), R"({"a":300,"b":0.5,"c":0.5,"d":-12,"e":1})");
  EXPECT_TRUE(value->find("a")->number_text().empty());
}

TEST(JsonCodec, NestedContainersRepeatedKeysAndScalarDocuments) {
  // Arrays of objects of arrays, built in place: each element lands in its own parent.
  auto value = parse_json(R"([[{"a":1},{"a":2,"a":{"deep":[3,[4]]}}],[],{"k":[{},[]]},"s"])");
  ASSERT_TRUE(value.ok()) << value.error().message;
  EXPECT_EQ(value->to_json(), R"([[{"a":1},{"a":{"deep":[3,[4]]}}],[],{"k":[{},[]]},"s"])")
      << "a repeated key keeps its last value";
  for (const char* scalar : {"\"text\"", "12", "true", "null"}) {
    auto parsed = parse_json(scalar);
    ASSERT_TRUE(parsed.ok()) << scalar;
    EXPECT_EQ(parsed->to_json(), scalar);
  }
  // Escapes make the parser hand keys and strings over in parts.
  auto escaped = parse_json(R"({"a\"b":"c\nd","x\u00e9y":"\u00e9","a\"b":"last"})");
  ASSERT_TRUE(escaped.ok()) << escaped.error().message;
  EXPECT_EQ(escaped->find("a\"b")->as_string(), "last");
  EXPECT_EQ(escaped->find("x\xc3\xa9y")->as_string(), "\xc3\xa9");
  EXPECT_EQ(escaped->as_object().size(), 2u);
  const std::string long_key(40, 'k');
  auto keyed = parse_json("{\"" + long_key + "\":\"" + std::string(50, 'v') + "\"}");
  ASSERT_TRUE(keyed.ok());
  EXPECT_EQ(keyed->find(long_key)->as_string(), std::string(50, 'v'));
}

TEST(JsonCodec, TrailingDataIsMalformed) {
  EXPECT_FALSE(parse_json(R"({"a":1} x)").ok());
  EXPECT_TRUE(parse_json(" {\"a\":1}\n").ok());
}

TEST(JsonCodec, MalformedInputIsAnErrorNotACrash) {
  EXPECT_FALSE(parse_json("").ok());
  EXPECT_FALSE(parse_json("{").ok());
  EXPECT_FALSE(parse_json("{\"a\":}").ok());
  EXPECT_FALSE(parse_json("<html>502 Bad Gateway</html>").ok());
  EXPECT_FALSE(parse_json(std::string(10000, '[')).ok()); // too deep
  auto error = parse_json("{\"a\" 1}");
  ASSERT_FALSE(error.ok());
  EXPECT_NE(error.error().message.find("malformed JSON"), std::string::npos);
}

} // namespace
} // namespace aigw::cloudflare
