// Shows DPOR (explore/verify.h) finds every bug plain DFS finds on the pool mutants: for
// each corpus entry recorded on a mutant (mutant build), bounded DFS and DPOR search its
// target under the same preemption bound and budget, and whenever DFS finds an invariant
// violation DPOR finds the same invariant (testing/verify_corpus.h). verify_test.cc does
// the entries recorded on real pool versions.
#include <string>

#include "explore/testing/corpus_entries.h"
#include "explore/testing/verify_corpus.h"
#include "gtest/gtest.h"

namespace explore {
namespace {

class MutantBugIsFoundByDpor : public ::testing::TestWithParam<std::string> {};

TEST_P(MutantBugIsFoundByDpor, WheneverBoundedDfsFindsIt) {
  // Shows DPOR finds the invariant bounded DFS finds on this mutant's corpus target.
  testing::ExpectDporFindsWhatDfsFinds(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Corpus, MutantBugIsFoundByDpor,
                         ::testing::ValuesIn(testing::CorpusFiles(/*mutant_build=*/true)),
                         testing::CorpusTestName);

}  // namespace
}  // namespace explore
