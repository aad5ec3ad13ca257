// Shows what `poolcheck verify` (explore/verify.h) concludes on real pool targets: DPOR
// finds golang/go#31480 in its minimal configuration on the pre-fix pool with one preemption (the
// counterexample replays to the same I6 failure); it verifies a small configuration of the
// fixed pool with fewer executions than plain DFS needs for the same tree; an exhausted
// budget is reported as such, never as verified; and on every corpus target (every
// scenario's recorded bug and every pool mutant) DPOR finds the invariant plain DFS finds
// under the same preemption bound and budget.
#include "explore/verify.h"

#include <cstdio>

#include "explore/corpus.h"
#include "explore/target.h"
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
  VerifyOptions options;
  options.preemption_bound = 1;
  options.max_executions = 20000;
  absl::StatusOr<VerifyResult> r =
      Verify(Issue31480(model::sql::PoolVersion::kAsyncReset, "2", "2"), options);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->verdict, VerifyVerdict::kCounterexample);
  EXPECT_EQ(r->counterexample->result.failure_id, "I6") << r->counterexample->result.message;
  absl::StatusOr<RunReport> again = Replay(r->counterexample->token, false);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->result.failure_id, "I6");
  std::printf("  #31480 minimal: counterexample after %llu executions\n",
              static_cast<unsigned long long>(r->executions));
}

TEST(Verify, VerifiesASmallFixedConfigurationWithFewerExecutionsThanDfs) {
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
  absl::StatusOr<std::vector<CorpusEntry>> entries = LoadCorpus(CorpusDir());
  ASSERT_TRUE(entries.ok()) << entries.status();
  const CorpusEntry* entry = nullptr;
  for (const CorpusEntry& e : *entries) {
    if (e.file == GetParam()) entry = &e;
  }
  ASSERT_NE(entry, nullptr);
  absl::StatusOr<Target> target = TargetFromMeta(entry->token.meta);
  ASSERT_TRUE(target.ok()) << target.status();
  VerifyOptions options;
  options.preemption_bound = 2;
  options.max_executions = 3000;
  options.without_reduction = true;
  absl::StatusOr<VerifyResult> dfs = Verify(*target, options);
  options.without_reduction = false;
  absl::StatusOr<VerifyResult> dpor = Verify(*target, options);
  ASSERT_TRUE(dfs.ok() && dpor.ok());
  const auto found = [](const VerifyResult& r) {
    return r.counterexample ? r.counterexample->result.failure_id : std::string("-");
  };
  std::printf("  %s: dfs %s after %llu, dpor %s after %llu\n", entry->file.c_str(),
              found(*dfs).c_str(), static_cast<unsigned long long>(dfs->executions),
              found(*dpor).c_str(), static_cast<unsigned long long>(dpor->executions));
  if (dfs->counterexample) {
    ASSERT_TRUE(dpor->counterexample.has_value()) << "dfs found " << found(*dfs);
    EXPECT_EQ(found(*dpor), found(*dfs));
  }
}

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  absl::StatusOr<std::vector<CorpusEntry>> entries = LoadCorpus(CorpusDir());
  if (entries.ok()) {
    for (const CorpusEntry& e : *entries) files.push_back(e.file);
  }
  return files;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusBugIsFoundByDpor, ::testing::ValuesIn(CorpusFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.find('.'));
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace explore
