// Test support for "DPOR finds every bug plain DFS finds": one corpus entry's target is
// searched by bounded DFS and by DPOR under the same preemption bound and budget, and
// DPOR must find the invariant DFS finds. An entry where DFS finds nothing is skipped
// (gtest SKIPPED), so a comparison that did not happen never reads as a pass. Shared by
// verify_test.cc (entries the shipped pool replays) and verify_mutant_test.cc (entries
// recorded on mutants). Header-only.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "explore/corpus.h"
#include "explore/target.h"
#include "explore/testing/corpus_entries.h"
#include "explore/verify.h"
#include "gtest/gtest.h"

namespace explore::testing {

inline std::string FoundInvariant(const VerifyResult& r) {
  return r.counterexample ? r.counterexample->result.failure.Name() : std::string("-");
}

inline void ExpectDporFindsWhatDfsFinds(const std::string& file) {
  absl::StatusOr<std::vector<CorpusEntry>> entries = LoadCorpus(CorpusDir());
  ASSERT_TRUE(entries.ok()) << entries.status();
  const CorpusEntry* entry = FindEntry(*entries, file);
  ASSERT_NE(entry, nullptr) << file;
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
  std::printf("  %s: dfs %s after %llu, dpor %s after %llu\n", entry->file.c_str(),
              FoundInvariant(*dfs).c_str(), static_cast<unsigned long long>(dfs->executions),
              FoundInvariant(*dpor).c_str(), static_cast<unsigned long long>(dpor->executions));
  if (!dfs->counterexample) {
    // Nothing to compare: reported as skipped, never as a pass that checked nothing.
    GTEST_SKIP() << "bounded DFS finds nothing on " << entry->file << " in "
                 << options.max_executions << " executions";
  }
  ASSERT_TRUE(dpor->counterexample.has_value()) << "dfs found " << FoundInvariant(*dfs);
  EXPECT_EQ(FoundInvariant(*dpor), FoundInvariant(*dfs));
}

}  // namespace explore::testing
