// Tests of the typed flag values: numbers, durations, shards and pool versions, valid and
// not.
#include "cli/values.h"

#include "gtest/gtest.h"

namespace cli {
namespace {

TEST(ParseUint, AcceptsDigitsInRangeOnly) {
  // Shows plain digits within the range parse and anything else (signs, spaces, letters,
  // overflow, out of range) is a one-line error naming the flag.
  EXPECT_EQ(*ParseUint("--runs", "100", 1, 1000), 100u);
  EXPECT_EQ(*ParseUint("--seed", "18446744073709551615", 0, UINT64_MAX), UINT64_MAX);
  for (const char* bad : {"", "-1", "+1", " 1", "1x", "abc", "18446744073709551616"}) {
    absl::StatusOr<uint64_t> v = ParseUint("--runs", bad, 0, UINT64_MAX);
    ASSERT_FALSE(v.ok()) << bad;
    EXPECT_NE(v.status().message().find("--runs"), absl::string_view::npos);
  }
  EXPECT_EQ(ParseUint("--jobs", "0", 1, 8).status().message(),
            "bad value for --jobs: 0 is outside [1, 8]");
  EXPECT_EQ(ParseUint("--runs", "99999999999999999999", 1, UINT64_MAX).status().message(),
            "bad value for --runs: 99999999999999999999 is too large (at most "
            "18446744073709551615)");
}

TEST(ParseDurationSeconds, ReadsUnitsAndBareSeconds) {
  // Shows Go-style durations and bare numbers both give seconds, and zero, negative and
  // malformed durations are rejected.
  EXPECT_DOUBLE_EQ(*ParseDurationSeconds("--time", "90s"), 90);
  EXPECT_DOUBLE_EQ(*ParseDurationSeconds("--time", "1m30s"), 90);
  EXPECT_DOUBLE_EQ(*ParseDurationSeconds("--time", "500ms"), 0.5);
  EXPECT_DOUBLE_EQ(*ParseDurationSeconds("--time", "2"), 2);
  for (const char* bad : {"0", "-5s", "soon", "5 minutes", "nan", "inf"}) {
    EXPECT_FALSE(ParseDurationSeconds("--time", bad).ok()) << bad;
  }
}

TEST(ParseShard, NeedsIndexBelowCount) {
  // Shows "i/N" parses with 0 <= i < N and every other shape is rejected.
  absl::StatusOr<Shard> s = ParseShard("1/2");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->index, 1u);
  EXPECT_EQ(s->count, 2u);
  for (const char* bad : {"2/2", "1", "1/0", "a/2", "1/2/3", "/2", "-1/2"}) {
    EXPECT_FALSE(ParseShard(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace cli
