// The regression corpus, replayed on every test run: each recorded failure must still
// fail the same way on the pool it was recorded against (async-reset, or a mutant of
// sync-reset), and the same schedule on the fixed pool (sync-reset, no mutation) must pass. When the
// recorded choices do not fit the fixed pool's program, the token's strategy and run seed
// are rerun on sync-reset instead, and the recorded schedule is followed as far as it fits; both
// must pass, and the test says which check it made.
#include <cstdio>
#include <set>

#include "gtest/gtest.h"
#include "explore/corpus.h"

namespace explore {
namespace {

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  absl::StatusOr<std::vector<CorpusEntry>> entries = LoadCorpus(CorpusDir());
  if (!entries.ok()) return {"unreadable corpus: " + std::string(entries.status().message())};
  for (const CorpusEntry& e : *entries) files.push_back(e.file);
  return files;
}

const CorpusEntry* FindEntry(const std::vector<CorpusEntry>& entries, const std::string& file) {
  for (const CorpusEntry& e : entries) {
    if (e.file == file) return &e;
  }
  return nullptr;
}

class CorpusEntryReplays : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusEntryReplays, FailsAsRecordedAndPassesOnTheFixedPool) {
  // Shows one corpus entry reproduces its recorded failure (same invariant, same step
  // count and fingerprint) and that the fixed pool passes its schedule.
  absl::StatusOr<std::vector<CorpusEntry>> entries = LoadCorpus(CorpusDir());
  ASSERT_TRUE(entries.ok()) << entries.status();
  const CorpusEntry* entry = FindEntry(*entries, GetParam());
  ASSERT_NE(entry, nullptr) << GetParam();
  absl::StatusOr<CorpusCheck> check = CheckCorpusEntry(*entry);
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_EQ(check->recorded.result.failure_id, entry->invariant)
      << check->recorded.result.message;
  EXPECT_EQ(check->recorded.result.fingerprint, entry->token.fingerprint);
  EXPECT_FALSE(check->fixed.result.failed)
      << "fixed pool: " << check->fixed.result.failure_id << " " << check->fixed.result.message;
  if (check->fixed_lenient) {
    EXPECT_FALSE(check->fixed_lenient->result.failed)
        << "fixed pool, recorded schedule followed leniently: "
        << check->fixed_lenient->result.failure_id << " " << check->fixed_lenient->result.message;
  }
  std::string how = "the same choice stream";
  if (check->fixed_is_rerun) how = "the token's strategy+seed rerun";
  if (check->fixed_lenient) {
    how += " and the recorded schedule followed as far as it fits (" +
           std::to_string(check->lenient_fallbacks) + " picks did not)";
  }
  std::printf("[corpus] %s: %s reproduced; fixed pool passes %s\n", entry->file.c_str(),
              entry->invariant.c_str(), how.c_str());
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusEntryReplays, ::testing::ValuesIn(CorpusFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.find('.'));
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

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
    if (e.token.meta.count("mutation") != 0) mutant_invariants.insert(e.invariant);
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
  const CorpusEntry* entry = FindEntry(*entries, "issue31480_minimal.token");
  ASSERT_NE(entry, nullptr);
  ASSERT_EQ(entry->token.meta.at("pool"), "seed-parent");
  sim::ReplayToken renamed = entry->token;
  renamed.meta["pool"] = "async-reset";
  absl::StatusOr<RunReport> old_name = Replay(entry->token, false);
  absl::StatusOr<RunReport> new_name = Replay(renamed, false);
  ASSERT_TRUE(old_name.ok()) << old_name.status();
  ASSERT_TRUE(new_name.ok()) << new_name.status();
  EXPECT_EQ(old_name->target.pool, model::sql::PoolVersion::kAsyncReset);
  EXPECT_EQ(old_name->result.failure_id, "I6");
  EXPECT_EQ(old_name->result.fingerprint, entry->token.fingerprint);
  EXPECT_EQ(old_name->result.failure_id, new_name->result.failure_id);
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
