// Tests that every kind of bad input to the poolcheck binary — unknown subcommand, scenario,
// parameter or flag, a missing flag value, a bad number, malformed, truncated, edited,
// foreign or future tokens, an unreadable file — exits 2 with exactly one line on stderr
// ("poolcheck: ...") and nothing on stdout: never a crash, never a hang.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "cli/testing/run_binary.h"
#include "cli/testing/sample_token.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using Args = std::vector<std::string>;

void ExpectBadInput(const Args& args) {
  std::string shown;
  for (const std::string& a : args) shown += " " + a.substr(0, 40);
  const testing::BinaryRun run = testing::RunPoolcheckBinary(args, 60);
  EXPECT_EQ(run.exit_code, 2) << shown << "\nstderr: " << run.err;
  EXPECT_EQ(testing::LineCount(run.err), 1u) << shown << "\nstderr: " << run.err;
  EXPECT_TRUE(absl::StartsWith(run.err, "poolcheck: ")) << shown << "\nstderr: " << run.err;
  EXPECT_EQ(run.out, "") << shown;
}

// `explore --scenario issue31480` followed by `extra`.
Args Explore(Args extra) {
  Args args = {"explore", "--scenario", "issue31480"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(BadInput, UnknownNamesAndFlags) {
  // Shows unknown subcommands, scenarios, parameters, pools, strategies, formats and flags.
  const std::string token = sim::EncodeToken(testing::SampleToken());
  const std::vector<Args> cases = {
      {}, {"frobnicate"}, {"explore", "--scenario", "nope"}, {"explore"}, {"list", "extra"},
      Explore({"--param", "bogus=1"}), Explore({"--param", "clients"}),
      Explore({"--param", "clients=many"}), Explore({"--pool", "reset-grandparent"}),
      Explore({"--strategy", "magic"}), Explore({"--strategy", "pct:depth=x"}),
      Explore({"--frob"}), {"trace", token, "--format", "svg"},
  };
  for (const Args& args : cases) ExpectBadInput(args);
}

TEST(BadInput, MissingValuesAndBadNumbers) {
  // Shows a flag without its value, a flag given twice, and malformed numbers, durations
  // and shards.
  const std::string token = sim::EncodeToken(testing::SampleToken());
  const std::vector<Args> cases = {
      {"explore", "--scenario"}, Explore({"--runs"}), Explore({"--runs", "ten"}),
      Explore({"--runs", "-5"}), Explore({"--runs", "0"}), Explore({"--seed", "1e3"}),
      Explore({"--jobs", "0"}), Explore({"--time", "soon"}), Explore({"--shard", "2/2"}),
      Explore({"--shard", "1"}), Explore({"--runs", "1", "--runs", "2"}),
      Explore({"--allow-known-bug", "no-such-bug"}), Explore({"--allow-known-bug", ""}),
      Explore({"--runs", "99999999999999999999999"}),
      {"shrink", token, "--max-runs", "lots"},
  };
  for (const Args& args : cases) ExpectBadInput(args);
}

TEST(BadInput, MalformedTokensAndFiles) {
  // Shows truncated, edited, wrong-prefix and future-version tokens, a token for an unknown
  // scenario, strategy, run number or metadata key, missing and empty files, and a missing
  // argument, for replay, shrink and trace.
  const std::string token = sim::EncodeToken(testing::SampleToken("sync-reset"));
  std::string edited = token;
  edited[8] = edited[8] == 'A' ? 'B' : 'A';
  sim::ReplayToken unknown;
  unknown.meta = {{"scenario", "no-such-scenario"}};
  // Hostile tokens: a well-formed token naming a strategy, a run or a metadata key that
  // does not exist is rejected, never replayed with the bogus name in its report.
  sim::ReplayToken bogus_strategy = testing::SampleToken("sync-reset");
  bogus_strategy.strategy = "bogus";
  sim::ReplayToken bogus_run = testing::SampleToken("sync-reset");
  bogus_run.meta["run"] = "-1";
  sim::ReplayToken bogus_key = testing::SampleToken("sync-reset");
  bogus_key.meta["evil"] = "1";
  const std::string empty_file = testing::TempPath("empty.token");
  std::fclose(std::fopen(empty_file.c_str(), "w"));
  const std::vector<std::string> bad_tokens = {
      token.substr(0, token.size() - 3), token.substr(0, 12), edited, "xy" + token.substr(2),
      "pc2" + token.substr(3), sim::EncodeToken(unknown), "/nonexistent/file", empty_file,
      "garbage", sim::EncodeToken(bogus_strategy), sim::EncodeToken(bogus_run),
      sim::EncodeToken(bogus_key)};
  for (const char* command : {"replay", "shrink", "trace"}) {
    for (const std::string& bad : bad_tokens) ExpectBadInput({command, bad});
    ExpectBadInput({command});
  }
}

}  // namespace
}  // namespace cli
