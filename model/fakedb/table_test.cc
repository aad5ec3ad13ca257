// Tests of the fake driver's in-memory table, directly (no driver calls).
#include "model/fakedb/table.h"

#include <gtest/gtest.h>

namespace model::fakedb {
namespace {

BoundQuery Bound(const char* text) {
  absl::StatusOr<ParsedQuery> parsed = ParseQuery(text);
  EXPECT_TRUE(parsed.ok()) << text;
  absl::StatusOr<BoundQuery> bound = BindQuery(*parsed, {});
  EXPECT_TRUE(bound.ok()) << text;
  return *bound;
}

TEST(Table, InsertSelectDeleteCountRoundTrip) {
  // Shows writes are visible to later queries: inserts out of order come back ordered by
  // id, SELECT|id finds one row, DELETE removes it (affecting 1 row, then 0), COUNT follows.
  Table t;
  ASSERT_EQ(t.Exec(Bound("INSERT|2|bo"))->last_insert_id, 2);
  ASSERT_EQ(t.Exec(Bound("INSERT|1|al"))->rows_affected, 1);
  absl::StatusOr<QueryOutcome> all = t.Query(Bound("SELECT"));
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->columns, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(all->rows.size(), 2u);
  EXPECT_EQ(all->rows[0][0], driver::Value(int64_t{1}));
  EXPECT_EQ(all->rows[0][1], driver::Value(std::string("al")));
  EXPECT_EQ(all->rows[1][1], driver::Value(std::string("bo")));

  EXPECT_EQ(t.Query(Bound("SELECT|2"))->rows.size(), 1u);
  EXPECT_EQ(t.Exec(Bound("DELETE|2"))->rows_affected, 1);
  EXPECT_EQ(t.Exec(Bound("DELETE|2"))->rows_affected, 0);
  EXPECT_TRUE(t.Query(Bound("SELECT|2"))->rows.empty());
  absl::StatusOr<QueryOutcome> count = t.Query(Bound("COUNT"));
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->columns, (std::vector<std::string>{"count"}));
  EXPECT_EQ(count->rows[0][0], driver::Value(int64_t{1}));
}

TEST(Table, MisuseIsAnErrorThatChangesNothing) {
  // Shows a duplicate id, an exec used as a query and a query used as an exec are errors
  // and leave the table as it was.
  Table t;
  ASSERT_TRUE(t.Exec(Bound("INSERT|1|al")).ok());
  EXPECT_EQ(t.Exec(Bound("INSERT|1|other")).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(t.Exec(Bound("SELECT")).ok());
  EXPECT_FALSE(t.Query(Bound("NOOP")).ok());
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.Get(1), "al");
}

}  // namespace
}  // namespace model::fakedb
