// Tests of the JSON writer: commas and nesting, string escaping, exact decimals, checked by
// parsing the output back with the test parser.
#include "cli/json_writer.h"

#include "cli/testing/json_value.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using testing::JsonParser;
using testing::JsonValue;

TEST(JsonWriter, NestedContainersGetCommasAndParseBack) {
  // Shows a document with nested objects and arrays is exactly the expected text and
  // parses back to the same values.
  JsonWriter w;
  w.BeginObject().Key("a").Uint(1).Key("b").BeginArray().Int(-2).Bool(true).Null();
  w.BeginObject().EndObject().EndArray().Key("c").String("x").EndObject();
  EXPECT_TRUE(w.complete());
  EXPECT_EQ(w.text(), R"({"a":1,"b":[-2,true,null,{}],"c":"x"})");
  std::optional<JsonValue> v = JsonParser::Parse(w.text());
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->object.at("b").array.size(), 4u);
  EXPECT_EQ(v->object.at("c").string, "x");
}

TEST(JsonWriter, EscapesEveryCharacterJsonForbids) {
  // Shows quotes, backslashes and control characters survive a round trip through the
  // parser unchanged, and UTF-8 passes through as is.
  const std::string nasty = std::string("q\"b\\n\nt\tc") + '\x01' + "\xc2\xb5s";
  JsonWriter w;
  w.BeginArray().String(nasty).EndArray();
  EXPECT_NE(w.text().find("\\u0001"), std::string::npos);
  std::optional<JsonValue> v = JsonParser::Parse(w.text());
  ASSERT_TRUE(v.has_value()) << w.text();
  EXPECT_EQ(v->array.at(0).string, nasty);
}

TEST(JsonWriter, DecimalIsExact) {
  // Shows fixed-point numbers are written digit for digit, negatives and zero padding
  // included (timestamps in microseconds from nanoseconds).
  JsonWriter w;
  w.BeginArray().Decimal(1500, 3).Decimal(7, 3).Decimal(-1234567, 3).Decimal(42, 0).EndArray();
  EXPECT_EQ(w.text(), "[1.500,0.007,-1234.567,42]");
}

TEST(JsonParser, RejectsMalformedDocuments) {
  // Shows the test parser itself rejects what is not JSON, so the tests that rely on it
  // to accept poolcheck's output can fail.
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "[01]", "\"\x01\"", "[1] x", "{a:1}"}) {
    EXPECT_FALSE(JsonParser::Parse(bad).has_value()) << bad;
  }
  EXPECT_TRUE(JsonParser::Parse(" {\"a\": [1.5e3, -0.25, \"\\u0041\"]} ").has_value());
}

TEST(JsonWriterDeathTest, MisuseStopsTheProgramInEveryBuildType) {
  // Shows the writer's own checks (formerly asserts, compiled out in Release) still fire
  // in this Release-built test: a second root value and a key outside any object abort
  // with the check's message instead of writing broken JSON.
  EXPECT_DEATH(
      {
        JsonWriter w;
        w.Uint(1).Uint(2);
      },
      "a JSON document has one root value");
  EXPECT_DEATH(
      {
        JsonWriter w;
        w.Key("a");
      },
      "Key outside an object");
}

}  // namespace
}  // namespace cli
