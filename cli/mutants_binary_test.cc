// End-to-end tests of the two shipped binaries on the regression corpus: poolcheck (the
// shipped pool) replays the entries recorded on real pool versions and refuses each entry
// recorded on a mutant with one stderr line naming poolcheck-mutants; poolcheck-mutants
// (the same CLI linked with the mutant pool) replays those to their recorded failure.
// So every corpus token replays with the binary the README names for it.
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "cli/testing/run_binary.h"
#include "explore/corpus.h"
#include "explore/testing/corpus_entries.h"
#include "explore/target.h"
#include "gtest/gtest.h"
#include "sim/strategy_registry.h"
#include "sim/token.h"

namespace cli {
namespace {

using testing::BinaryRun;
using testing::RunBinary;

std::vector<explore::CorpusEntry> Corpus() {
  absl::StatusOr<std::vector<explore::CorpusEntry>> entries =
      explore::LoadCorpus(explore::CorpusDir());
  EXPECT_TRUE(entries.ok()) << entries.status();
  return entries.ok() ? *entries : std::vector<explore::CorpusEntry>{};
}

std::string PathOf(const explore::CorpusEntry& e) { return explore::CorpusDir() + "/" + e.file; }

TEST(PoolcheckMutantsBinary, ReplaysTheMutantTokensThePoolcheckBinaryRefuses) {
  // Shows, for every corpus entry recorded on a mutant, that `poolcheck replay <file>`
  // exits 2 with one stderr line naming poolcheck-mutants, and that
  // `poolcheck-mutants replay <file>` exits 1 with the recorded invariant's failure.
  int mutant_entries = 0;
  for (const explore::CorpusEntry& e : Corpus()) {
    if (!explore::testing::NeedsMutantBuild(e)) continue;
    ++mutant_entries;
    SCOPED_TRACE(e.file);
    const BinaryRun refused = RunBinary(POOLCHECK_BIN, {"replay", PathOf(e)});
    EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
    EXPECT_EQ(testing::LineCount(refused.err), 1u) << refused.err;
    EXPECT_NE(refused.err.find("poolcheck-mutants"), std::string::npos) << refused.err;
    const BinaryRun replayed = RunBinary(POOLCHECK_MUTANTS_BIN, {"replay", PathOf(e)});
    EXPECT_EQ(replayed.exit_code, 1) << replayed.out << replayed.err;
    EXPECT_TRUE(absl::StartsWith(replayed.out, "FAIL " + e.invariant + " " + e.scenario))
        << replayed.out;
  }
  EXPECT_GE(mutant_entries, 5);
}

TEST(PoolcheckMutantsBinary, PoolcheckReplaysTheTokensOfRealPoolVersions) {
  // Shows every corpus entry recorded without a mutation (the #31480 failures on
  // async-reset) replays with the shipped poolcheck to its recorded failure.
  int real_entries = 0;
  for (const explore::CorpusEntry& e : Corpus()) {
    if (explore::testing::NeedsMutantBuild(e)) continue;
    ++real_entries;
    SCOPED_TRACE(e.file);
    const BinaryRun replayed = RunBinary(POOLCHECK_BIN, {"replay", PathOf(e)});
    EXPECT_EQ(replayed.exit_code, 1) << replayed.out << replayed.err;
    EXPECT_TRUE(absl::StartsWith(replayed.out, "FAIL " + e.invariant + " " + e.scenario))
        << replayed.out;
  }
  EXPECT_GE(real_entries, 1);
}

// A seed-only token (what explore writes for a crashing run) of run 0 of issue31480 with
// `params` on the mutant that writes through a null pointer (crash-on-handoff).
std::string CrashToken(const scenarios::Params& params = {},
                       model::sql::Mutation mutation = model::sql::Mutation::kCrashOnHandoff) {
  explore::Target target;
  target.scenario = "issue31480";
  target.pool = model::sql::PoolVersion::kAsyncReset;
  target.mutation = mutation;
  target.params = params;
  sim::ReplayToken token;
  token.meta = explore::TargetMeta(target, /*exploration_seed=*/1, /*run_index=*/0);
  token.strategy = "random";
  token.run_seed = sim::RunSeed(1, 0);
  return sim::EncodeToken(token);
}

TEST(PoolcheckMutantsBinary, ReplayOfARunThatCrashesThePoolIsACrashFailure) {
  // Shows that a seed-only token (what explore writes for a crashing run) of a run on the
  // mutant that writes through a null pointer (crash-on-handoff) replays with
  // poolcheck-mutants to "FAIL crash ... SIGSEGV" with exit 1 and the token in the report:
  // the replay crashed in a forked child, not the CLI.
  const std::string text = CrashToken();
  const BinaryRun replayed = RunBinary(POOLCHECK_MUTANTS_BIN, {"replay", text});
  EXPECT_EQ(replayed.exit_code, 1) << replayed.out << replayed.err;
  EXPECT_TRUE(absl::StartsWith(replayed.out, "FAIL crash issue31480")) << replayed.out;
  EXPECT_NE(replayed.out.find("SIGSEGV"), std::string::npos) << replayed.out;
  EXPECT_NE(replayed.out.find(text), std::string::npos) << replayed.out;
}

TEST(PoolcheckMutantsBinary, ReplayOfACrashTokenWhoseRunNoLongerCrashesSaysSo) {
  // Shows a crash token whose run ends on this build (the same seed-only token, for the
  // shipped async-reset pool, which does not crash) is neither lost as a divergence nor
  // passed off as a fresh token: `poolcheck replay` says the token recorded a crash and
  // then reports how the run ends now (this run of the seed passes: exit 0).
  const std::string text = CrashToken({}, model::sql::Mutation::kNone);
  const BinaryRun replayed = RunBinary(POOLCHECK_BIN, {"replay", text});
  EXPECT_EQ(replayed.exit_code, 0) << replayed.out << replayed.err;
  EXPECT_TRUE(absl::StartsWith(replayed.out,
                               "note: the token recorded a run that crashed the process"))
      << replayed.out;
  EXPECT_NE(replayed.out.find("\nPASS issue31480 pool=async-reset"), std::string::npos)
      << replayed.out;
}

TEST(PoolcheckMutantsBinary, TraceOfARunThatCrashesThePoolIsItsCrashReport) {
  // Shows `trace` of a crashing run's token prints the crash report (SIGSEGV, the token)
  // and says why there is no trace, with exit 1: the run crashed a child, not the CLI.
  const std::string text = CrashToken();
  const BinaryRun traced = RunBinary(POOLCHECK_MUTANTS_BIN, {"trace", text});
  EXPECT_EQ(traced.exit_code, 1) << traced.out << traced.err;
  EXPECT_TRUE(absl::StartsWith(traced.out, "FAIL crash issue31480")) << traced.out;
  EXPECT_NE(traced.out.find("SIGSEGV"), std::string::npos) << traced.out;
  EXPECT_NE(traced.out.find("no trace: the run killed the process"), std::string::npos)
      << traced.out;
}

TEST(PoolcheckMutantsBinary, ShrinkOfARunThatCrashesThePoolLowersItsWorkload) {
  // Shows `shrink` of a crashing run's token (40 clients) survives the crashes of its
  // candidates, each run in a child, and prints a crash report whose token names fewer
  // clients; that token replays to the same crash.
  const std::string text = CrashToken({{"clients", "40"}, {"max_open", "8"}});
  const BinaryRun shrunk = RunBinary(POOLCHECK_MUTANTS_BIN, {"shrink", text});
  EXPECT_EQ(shrunk.exit_code, 1) << shrunk.out << shrunk.err;
  EXPECT_NE(shrunk.out.find("FAIL crash issue31480"), std::string::npos) << shrunk.out;
  EXPECT_NE(shrunk.out.find("clients"), std::string::npos) << shrunk.out;
  const size_t at = shrunk.out.find("poolcheck replay pc1");
  ASSERT_NE(at, std::string::npos) << shrunk.out;
  const size_t start = at + std::string("poolcheck replay ").size();
  const std::string smaller = shrunk.out.substr(start, shrunk.out.find_first_of(" \n", start) - start);
  EXPECT_NE(smaller, text);
  absl::StatusOr<sim::ReplayToken> decoded = sim::DecodeToken(smaller);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  int clients = 0;
  ASSERT_TRUE(absl::SimpleAtoi(decoded->meta.at("param.clients"), &clients)) << smaller;
  EXPECT_LT(clients, 40);
  const BinaryRun replayed = RunBinary(POOLCHECK_MUTANTS_BIN, {"replay", smaller});
  EXPECT_EQ(replayed.exit_code, 1) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("SIGSEGV"), std::string::npos) << replayed.out;
}

}  // namespace
}  // namespace cli
