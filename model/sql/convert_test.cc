// Tests of Scan's conversions (convertAssign), with the texts Go gives for failures.
// Pure functions: no simulated run is needed.
#include "model/sql/convert.h"

#include <gtest/gtest.h>

#include <string>

namespace model::sql {
namespace {

TEST(ConvertAssign, CopiesMatchingTypesAndConvertsThroughText) {
  // Shows the conversions Go's convertAssignRows makes for these destinations: same type
  // copied, numbers parsed from strings and bytes, numbers and bools rendered as text.
  int64_t i = 0;
  double f = 0;
  std::string s;
  driver::Bytes b;
  EXPECT_TRUE(convertAssign(&i, driver::Value(int64_t{-7})).ok());
  EXPECT_EQ(i, -7);
  EXPECT_TRUE(convertAssign(&i, driver::Value(std::string("42"))).ok());
  EXPECT_EQ(i, 42);
  EXPECT_TRUE(convertAssign(&f, driver::Value(driver::Bytes{"2.5"})).ok());
  EXPECT_EQ(f, 2.5);
  EXPECT_TRUE(convertAssign(&s, driver::Value(int64_t{12})).ok());
  EXPECT_EQ(s, "12");
  EXPECT_TRUE(convertAssign(&s, driver::Value(true)).ok());
  EXPECT_EQ(s, "true");
  EXPECT_TRUE(convertAssign(&b, driver::Value(std::string("xy"))).ok());
  EXPECT_EQ(b.data, "xy");
}

TEST(ConvertAssign, BoolAcceptsWhatStrconvParseBoolAccepts) {
  // Shows the *bool destination follows driver.Bool: 1/0 ints, ParseBool strings, and
  // Go's error text for anything else.
  bool v = false;
  EXPECT_TRUE(convertAssign(&v, driver::Value(int64_t{1})).ok());
  EXPECT_TRUE(v);
  EXPECT_TRUE(convertAssign(&v, driver::Value(std::string("F"))).ok());
  EXPECT_FALSE(v);
  absl::Status err = convertAssign(&v, driver::Value(int64_t{2}));
  EXPECT_EQ(err.message(), "sql/driver: couldn't convert 2 into type bool");
  err = convertAssign(&v, driver::Value(std::string("yes")));
  EXPECT_EQ(err.message(), "sql/driver: couldn't convert \"yes\" into type bool");
}

TEST(ConvertAssign, ReportsLossyOrUnsupportedConversionsLikeGo) {
  // Shows failures carry Go's messages and leave the destination unchanged.
  int64_t i = 5;
  absl::Status err = convertAssign(&i, driver::Value(std::string("4x")));
  EXPECT_EQ(err.message(),
            "converting driver.Value type string (\"4x\") to a int64: invalid syntax");
  EXPECT_EQ(i, 5);
  err = convertAssign(&i, driver::Value(std::string("99999999999999999999")));
  EXPECT_EQ(err.message(), "converting driver.Value type string (\"99999999999999999999\") "
                           "to a int64: value out of range");
  err = convertAssign(&i, driver::Value());
  EXPECT_EQ(err.message(), "converting NULL to int64 is unsupported");
  sim::Instant t;
  err = convertAssign(&t, driver::Value(int64_t{1}));
  EXPECT_EQ(err.message(), "unsupported Scan, storing driver.Value type int64 into type *time.Time");
}

TEST(ConvertAssign, ValueDestinationTakesAnythingIncludingNull) {
  // Shows *driver::Value (Go's *interface{}) receives the source as is, NULL included.
  driver::Value v = int64_t{3};
  EXPECT_TRUE(convertAssign(&v, driver::Value()).ok());
  EXPECT_TRUE(std::holds_alternative<std::monostate>(v));
  EXPECT_TRUE(convertAssign(&v, driver::Value(2.0)).ok());
  EXPECT_EQ(v, driver::Value(2.0));
}

}  // namespace
}  // namespace model::sql
