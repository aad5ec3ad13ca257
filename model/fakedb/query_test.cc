// Tests of the fake driver's query language: parsing, placeholders and binding.
#include "model/fakedb/query.h"

#include <gtest/gtest.h>

namespace model::fakedb {
namespace {

TEST(ParseQuery, RecognisesEveryForm) {
  // Shows each documented query form parses to its kind, and which ones return rows, by
  // parsing one example of each.
  struct Case {
    const char* text;
    QueryKind kind;
    bool rows;
  };
  const Case cases[] = {
      {"INSERT|1|ann", QueryKind::kInsert, false}, {"DELETE|7", QueryKind::kDelete, false},
      {"NOOP", QueryKind::kNoop, false},           {"SELECT", QueryKind::kSelectAll, true},
      {"SELECT|3", QueryKind::kSelectOne, true},   {"COUNT", QueryKind::kCount, true},
  };
  for (const Case& c : cases) {
    absl::StatusOr<ParsedQuery> q = ParseQuery(c.text);
    ASSERT_TRUE(q.ok()) << c.text << ": " << q.status();
    EXPECT_EQ(q->kind, c.kind) << c.text;
    EXPECT_EQ(q->returns_rows(), c.rows) << c.text;
    EXPECT_EQ(q->num_input, 0) << c.text;
  }
}

TEST(ParseQuery, RejectsUnknownAndMalformedQueriesWithAnError) {
  // Shows bad input is an InvalidArgument status, not a crash: unknown commands, wrong
  // operand counts, empty operands and the empty string.
  for (const char* text : {"", "DROP", "INSERT|1", "INSERT|1|a|b", "NOOP|1", "SELECT|", "COUNT|2",
                           "select", "DELETE"}) {
    absl::StatusOr<ParsedQuery> q = ParseQuery(text);
    ASSERT_FALSE(q.ok()) << "accepted \"" << text << "\"";
    EXPECT_EQ(q.status().code(), absl::StatusCode::kInvalidArgument) << text;
  }
}

TEST(BindQuery, SubstitutesPlaceholdersInOrder) {
  // Shows "?" fields count as inputs and take the call's arguments in order, with literals
  // left as written: INSERT|?|? binds (id, name); INSERT|5|? binds only the name.
  absl::StatusOr<ParsedQuery> both = ParseQuery("INSERT|?|?");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->num_input, 2);
  absl::StatusOr<BoundQuery> b =
      BindQuery(*both, {driver::Value(int64_t{42}), driver::Value(std::string("zoe"))});
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->id, 42);
  EXPECT_EQ(b->name, "zoe");

  absl::StatusOr<ParsedQuery> one = ParseQuery("INSERT|5|?");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->num_input, 1);
  absl::StatusOr<BoundQuery> c = BindQuery(*one, {driver::Value(driver::Bytes{"raw"})});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->id, 5);
  EXPECT_EQ(c->name, "raw");
}

TEST(BindQuery, RejectsWrongArgumentsWithAnError) {
  // Shows argument mismatches are errors: too few/many arguments, a non-int64 id, a
  // non-text name, and a literal id that is not a number.
  absl::StatusOr<ParsedQuery> q = ParseQuery("INSERT|?|?");
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(BindQuery(*q, {driver::Value(int64_t{1})}).ok());
  EXPECT_FALSE(BindQuery(*q, {driver::Value(std::string("1")), driver::Value(std::string("a"))}).ok());
  EXPECT_FALSE(BindQuery(*q, {driver::Value(int64_t{1}), driver::Value(true)}).ok());
  absl::StatusOr<ParsedQuery> literal = ParseQuery("DELETE|abc");
  ASSERT_TRUE(literal.ok());
  EXPECT_FALSE(BindQuery(*literal, {}).ok());
  absl::StatusOr<ParsedQuery> noop = ParseQuery("NOOP");
  ASSERT_TRUE(noop.ok());
  EXPECT_FALSE(BindQuery(*noop, {driver::Value(int64_t{1})}).ok());
}

}  // namespace
}  // namespace model::fakedb
