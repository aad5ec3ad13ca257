// End-to-end tests of the two shipped binaries on the regression corpus: poolcheck (the
// shipped pool) replays the entries recorded on real pool versions and refuses each entry
// recorded on a mutant with one stderr line naming poolcheck-mutants; poolcheck-mutants
// (the same CLI linked with the mutant pool) replays those to their recorded failure.
// So every corpus token replays with the binary the README names for it.
#include <string>

#include "absl/strings/match.h"
#include "cli/testing/run_binary.h"
#include "explore/corpus.h"
#include "explore/testing/corpus_entries.h"
#include "gtest/gtest.h"

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

}  // namespace
}  // namespace cli
