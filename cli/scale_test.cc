// Tests that exploration results do not depend on how the work is split: --jobs 1 and
// --jobs 2 give the same summary, and the two shards of --shard i/2 together cover exactly
// the runs of the unsharded exploration (same counts, failures and first failure).
#include <algorithm>
#include <string>
#include <vector>

#include "cli/testing/json_value.h"
#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using testing::JsonValue;

// A small async-reset configuration where many runs fail, explored with --keep-going so
// every run counts.
std::vector<std::string> SmallExploration() {
  return {"explore", "--scenario", "issue31480", "--pool", "async-reset", "--strategy",
          "pct", "--param", "clients=6", "--param", "max_open=3", "--param", "max_idle=2",
          "--param", "capacity=1", "--runs", "60", "--seed", "11", "--keep-going", "--json"};
}

JsonValue ExploreJson(std::vector<std::string> extra) {
  std::vector<std::string> args = SmallExploration();
  args.insert(args.end(), extra.begin(), extra.end());
  const testing::BinaryRun run = testing::RunPoolcheckBinary(args);
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.err;
  std::optional<JsonValue> doc = testing::JsonParser::Parse(run.out);
  EXPECT_TRUE(doc.has_value()) << run.out << run.err;
  return doc.value_or(JsonValue{});
}

TEST(Scale, JobsOneAndTwoGiveIdenticalResults) {
  // Shows the summaries of --jobs 1 and --jobs 2 agree on every field that describes the
  // result: runs, failures, distinct interleavings, and the first failure's run, steps,
  // fingerprint and token.
  const JsonValue one = ExploreJson({"--jobs", "1"});
  const JsonValue two = ExploreJson({"--jobs", "2"});
  for (const char* key : {"runs_done", "failures", "distinct_interleavings"}) {
    EXPECT_EQ(one[key].number, two[key].number) << key;
  }
  EXPECT_EQ(one["runs_done"].number, 60);
  ASSERT_EQ(one["first_failure"].type, JsonValue::Type::kObject);
  ASSERT_EQ(two["first_failure"].type, JsonValue::Type::kObject);
  for (const char* key : {"run", "steps", "fingerprint", "token", "report", "invariant"}) {
    EXPECT_EQ(one["first_failure"][key].string, two["first_failure"][key].string) << key;
    EXPECT_EQ(one["first_failure"][key].number, two["first_failure"][key].number) << key;
  }
}

TEST(Scale, TwoShardsCoverExactlyTheUnshardedRuns) {
  // Shows shards 0/2 and 1/2 split the runs evenly, together did as many runs and found as
  // many failing runs as the unsharded exploration (every run counted, --keep-going), each
  // shard's first failure lies in its own slice, and the lower of the two is the unsharded
  // first failure with the same token. Distinct interleavings can only be bounded: a
  // schedule seen in both shards counts once in the whole (the summary carries counts, not
  // the per-run fingerprints that would make this an equality).
  const JsonValue all = ExploreJson({});
  const JsonValue s0 = ExploreJson({"--shard", "0/2"});
  const JsonValue s1 = ExploreJson({"--shard", "1/2"});
  EXPECT_EQ(s0["runs_done"].number, 30);
  EXPECT_EQ(s1["runs_done"].number, 30);
  EXPECT_EQ(s0["runs_done"].number + s1["runs_done"].number, all["runs_done"].number);
  EXPECT_EQ(s0["failures"].number + s1["failures"].number, all["failures"].number);
  EXPECT_GT(all["failures"].number, 0);
  EXPECT_LE(all["distinct_interleavings"].number,
            s0["distinct_interleavings"].number + s1["distinct_interleavings"].number);
  EXPECT_GE(all["distinct_interleavings"].number,
            std::max(s0["distinct_interleavings"].number, s1["distinct_interleavings"].number));
  ASSERT_EQ(all["first_failure"].type, JsonValue::Type::kObject);
  const JsonValue* lowest = nullptr;
  for (const JsonValue* s : {&s0, &s1}) {
    const JsonValue& f = s->object.at("first_failure");
    if (f.type != JsonValue::Type::kObject) continue;
    EXPECT_EQ(static_cast<uint64_t>(f["run"].number) % 2, s == &s0 ? 0u : 1u);
    if (lowest == nullptr || f["run"].number < (*lowest)["run"].number) lowest = &f;
  }
  ASSERT_NE(lowest, nullptr);
  EXPECT_EQ((*lowest)["run"].number, all["first_failure"]["run"].number);
  EXPECT_EQ((*lowest)["token"].string, all["first_failure"]["token"].string);
}

}  // namespace
}  // namespace cli
