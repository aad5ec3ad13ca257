// Shows what `poolcheck verify` (explore/verify.h) concludes on real pool targets: DPOR
// finds golang/go#31480 in its minimal configuration on the pre-fix pool with one preemption (the
// counterexample replays to the same I6 failure); it verifies a small configuration of the
// fixed pool with fewer executions than plain DFS needs for the same tree; an exhausted
// budget is reported as such, never as verified; and on every corpus target recorded on
// a real pool version DPOR finds the invariant plain DFS finds under the same preemption
// bound and budget (verify_mutant_test.cc does the pool mutants).
#include "explore/verify.h"

#include <cstdio>
#include <string>
#include <vector>

#include "explore/target.h"
#include "explore/testing/corpus_entries.h"
#include "explore/testing/verify_corpus.h"
#include "gtest/gtest.h"

namespace explore {
namespace {

Target Issue31480(model::sql::PoolVersion pool, const std::string& clients,
                  const std::string& ops) {
  Target t;
  t.scenario = "issue31480";
  t.pool = pool;
  t.params = {{"clients", clients}, {"ops_per_client", ops}, {"max_open", "2"},
              {"max_idle", "2"},    {"capacity", "1"}};
  return t;
}

TEST(Verify, FindsIssue31480MinimalConfigurationOnThePreFixPool) {
  // Shows DPOR with one preemption finds #31480 (I6) on async-reset, and its token replays.
  VerifyOptions options;
  options.preemption_bound = 1;
  options.max_executions = 20000;
  absl::StatusOr<VerifyResult> r =
      Verify(Issue31480(model::sql::PoolVersion::kAsyncReset, "2", "2"), options);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->verdict, VerifyVerdict::kCounterexample);
  EXPECT_EQ(r->counterexample->result.failure.Name(), "I6") << r->counterexample->result.message;
  absl::StatusOr<RunReport> again = Replay(r->counterexample->token, false);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->result.failure.Name(), "I6");
  std::printf("  #31480 minimal: counterexample after %llu executions\n",
              static_cast<unsigned long long>(r->executions));
}

TEST(Verify, VerifiesASmallFixedConfigurationWithFewerExecutionsThanDfs) {
  // Shows both searches end "verified" on 1 client x 1 query and DPOR runs fewer executions.
  const Target target = Issue31480(model::sql::PoolVersion::kSyncReset, "1", "1");
  VerifyOptions options;
  options.max_executions = 2'000'000;
  absl::StatusOr<VerifyResult> dpor = Verify(target, options);
  options.without_reduction = true;
  absl::StatusOr<VerifyResult> dfs = Verify(target, options);
  ASSERT_TRUE(dpor.ok() && dfs.ok());
  EXPECT_EQ(dpor->verdict, VerifyVerdict::kVerified);
  EXPECT_EQ(dfs->verdict, VerifyVerdict::kVerified);
  EXPECT_LT(dpor->executions, dfs->executions);
  std::printf("  1 client x 1 query: dpor %llu executions, dfs %llu\n",
              static_cast<unsigned long long>(dpor->executions),
              static_cast<unsigned long long>(dfs->executions));
}

TEST(Verify, AnExhaustedBudgetIsNotAVerification) {
  // Shows a 3-run budget on a large tree ends kBudgetExhausted with work estimated left.
  VerifyOptions options;
  options.max_executions = 3;
  absl::StatusOr<VerifyResult> r = Verify(Issue31480(model::sql::PoolVersion::kSyncReset, "3", "2"), options);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->verdict, VerifyVerdict::kBudgetExhausted);
  EXPECT_EQ(r->executions, 3u);
  EXPECT_GT(r->estimated_remaining, 0);
}

class CorpusBugIsFoundByDpor : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusBugIsFoundByDpor, WheneverBoundedDfsFindsIt) {
  // Shows DPOR finds the invariant bounded DFS finds on this corpus entry's target.
  testing::ExpectDporFindsWhatDfsFinds(GetParam());
}

// The entries the shipped pool can run (verify_mutant_test.cc does the mutants'), but
// issue31480_reporter: a 500-client replay of the reporter's workload, not a smallest
// configuration; 3000 runs of it take minutes and neither search finds #31480 in them.
std::vector<std::string> SmallCorpusFiles() {
  std::vector<std::string> files = testing::CorpusFiles(/*mutant_build=*/false);
  std::erase(files, std::string("issue31480_reporter.token"));
  return files;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusBugIsFoundByDpor, ::testing::ValuesIn(SmallCorpusFiles()),
                         testing::CorpusTestName);

}  // namespace
}  // namespace explore
