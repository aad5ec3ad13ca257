// The regression corpus entries recorded on mutants of the pool (mutant build), replayed
// on every test run: each must still fail the same way on its mutant, and its schedule on
// the fixed pool must pass (testing/corpus_entries.h says how). The entries recorded on
// real pool versions are replayed by corpus_test.cc on the shipped pool.
#include <string>

#include "explore/testing/corpus_entries.h"
#include "gtest/gtest.h"

namespace explore {
namespace {

class CorpusMutantEntryReplays : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusMutantEntryReplays, FailsAsRecordedAndPassesOnTheFixedPool) {
  // Shows one corpus entry recorded on a mutant reproduces its recorded failure on that
  // mutant and that the fixed pool passes its schedule (see ExpectCorpusEntryReplays).
  testing::ExpectCorpusEntryReplays(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusMutantEntryReplays,
                         ::testing::ValuesIn(testing::CorpusFiles(/*mutant_build=*/true)),
                         testing::CorpusTestName);

}  // namespace
}  // namespace explore
