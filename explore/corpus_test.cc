// The regression corpus on the shipped pool, replayed on every test run: each entry
// recorded on a real pool version (async-reset's #31480 failures) must still fail the same
// way, and its schedule on the fixed pool must pass (testing/corpus_entries.h says how);
// each entry recorded on a mutant is refused with an error naming the binary that
// replays it (corpus_mutant_test.cc replays those). Also the corpus's coverage and its
// parser's errors.
#include <set>

#include "gtest/gtest.h"
#include "explore/corpus.h"
#include "explore/runner.h"
#include "explore/testing/corpus_entries.h"

namespace explore {
namespace {

class CorpusEntryReplays : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusEntryReplays, FailsAsRecordedAndPassesOnTheFixedPool) {
  // Shows one corpus entry recorded on a real pool version reproduces its recorded
  // failure and that the fixed pool passes its schedule (see ExpectCorpusEntryReplays).
  testing::ExpectCorpusEntryReplays(GetParam());
}

// The entries the shipped pool can replay; the others are in corpus_mutant_test.cc.
INSTANTIATE_TEST_SUITE_P(Corpus, CorpusEntryReplays,
                         ::testing::ValuesIn(testing::CorpusFiles(/*mutant_build=*/false)),
                         testing::CorpusTestName);

TEST(Corpus, MutantEntriesNameTheBinaryThatReplaysThem) {
  // Shows every entry recorded on a mutant is refused by the shipped pool with an error
  // that names poolcheck-mutants, the binary that replays it (and that there are such
  // entries, so the check is not vacuous).
  absl::StatusOr<std::vector<CorpusEntry>> entries = LoadCorpus(CorpusDir());
  ASSERT_TRUE(entries.ok()) << entries.status();
  int refused = 0;
  for (const CorpusEntry& e : *entries) {
    if (!testing::NeedsMutantBuild(e)) continue;
    absl::Status status = Replay(e.token, false).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << e.file << ": " << status;
    EXPECT_NE(status.message().find("poolcheck-mutants"), absl::string_view::npos)
        << e.file << ": " << status;
    ++refused;
  }
  EXPECT_GE(refused, 5);
}

TEST(Corpus, CoversTheIssueAndAMutantPerInvariantFamily) {
  // Shows the corpus holds the #31480 failure on async-reset (I6) and mutant failures for
  // at least five other invariants.
  absl::StatusOr<std::vector<CorpusEntry>> entries = LoadCorpus(CorpusDir());
  ASSERT_TRUE(entries.ok()) << entries.status();
  bool has_issue = false;
  std::set<std::string> mutant_invariants;
  for (const CorpusEntry& e : *entries) {
    if (e.scenario == "issue31480" && e.pool == model::sql::PoolVersion::kAsyncReset &&
        e.invariant == "I6") {
      has_issue = true;
    }
    if (testing::NeedsMutantBuild(e)) mutant_invariants.insert(e.invariant);
  }
  EXPECT_TRUE(has_issue);
  EXPECT_GE(mutant_invariants.size(), 5u);
}

TEST(Corpus, AnOldNameTokenReplaysAsItsRenamedVersion) {
  // Shows a token saved before the pool versions were renamed keeps replaying: the corpus
  // file issue31480_minimal.token, unchanged, names its pool "seed-parent"; it replays on
  // async-reset to the recorded failure, exactly as its twin naming "async-reset" does
  // (same target, failure, message, steps and fingerprint). The replay keeps the token it
  // was given, old name and all: what the user saved is what reproduces the run.
  absl::StatusOr<std::vector<CorpusEntry>> entries = LoadCorpus(CorpusDir());
  ASSERT_TRUE(entries.ok()) << entries.status();
  const CorpusEntry* entry = testing::FindEntry(*entries, "issue31480_minimal.token");
  ASSERT_NE(entry, nullptr);
  ASSERT_EQ(entry->token.meta.at("pool"), "seed-parent");
  sim::ReplayToken renamed = entry->token;
  renamed.meta["pool"] = "async-reset";
  absl::StatusOr<RunReport> old_name = Replay(entry->token, false);
  absl::StatusOr<RunReport> new_name = Replay(renamed, false);
  ASSERT_TRUE(old_name.ok()) << old_name.status();
  ASSERT_TRUE(new_name.ok()) << new_name.status();
  EXPECT_EQ(old_name->target.pool, model::sql::PoolVersion::kAsyncReset);
  EXPECT_EQ(old_name->result.failure.Name(), "I6");
  EXPECT_EQ(old_name->result.fingerprint, entry->token.fingerprint);
  EXPECT_EQ(old_name->result.failure.Name(), new_name->result.failure.Name());
  EXPECT_EQ(old_name->result.message, new_name->result.message);
  EXPECT_EQ(old_name->result.steps, new_name->result.steps);
  EXPECT_EQ(old_name->result.fingerprint, new_name->result.fingerprint);
  EXPECT_EQ(old_name->target.params, new_name->target.params);
  EXPECT_EQ(old_name->token.meta.at("pool"), "seed-parent");
}

TEST(Corpus, MalformedEntriesAreRejectedWithTheFileNamed) {
  // Shows entries with a missing comment, a bad token, or a comment naming another target
  // than the token are errors naming the file.
  EXPECT_EQ(ParseCorpusEntry("a.token", "pc1.AAAA.00000000\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::Status bad_token = ParseCorpusEntry("b.token", "# s sync-reset I1 x\nnot-a-token\n").status();
  EXPECT_NE(bad_token.message().find("b.token"), absl::string_view::npos) << bad_token;
  sim::ReplayToken token;
  token.strategy = "random";
  token.meta = {{"scenario", "tx_cancel"}, {"pool", "sync-reset"}};
  const std::string text = "# lower_max_open sync-reset I2 mismatch\n" + sim::EncodeToken(token);
  absl::Status mismatch = ParseCorpusEntry("c.token", text).status();
  EXPECT_NE(mismatch.message().find("different targets"), absl::string_view::npos) << mismatch;
  // The comment may name the pool by its old alias and the token by its new name (or the
  // other way round): the same version, so no mismatch. A pool no row has is an error.
  EXPECT_TRUE(ParseCorpusEntry("d.token", "# tx_cancel seed I11 x\n" + sim::EncodeToken(token)).ok());
  absl::Status unknown =
      ParseCorpusEntry("e.token", "# tx_cancel parent I11 x\n" + sim::EncodeToken(token)).status();
  EXPECT_NE(unknown.message().find("unknown pool version 'parent'"), absl::string_view::npos)
      << unknown;
}

}  // namespace
}  // namespace explore
