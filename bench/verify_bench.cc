// Bounded verification of the fixed pool: executions and wall time DPOR needs to exhaust
// the tree of an issue31480 configuration, and the reduction against plain DFS on the same
// tree measured in the same run (DFS is given at most 2M executions).
// Run: build/bench/poolcheck_bench --benchmark_filter=Verify
#include <benchmark/benchmark.h>

#include <string>

#include "explore/verify.h"

namespace bench {
namespace {

explore::Target Config(int64_t clients, int64_t ops) {
  explore::Target t;
  t.scenario = "issue31480";
  t.pool = model::sql::PoolVersion::kSyncReset;
  t.params = {{"clients", std::to_string(clients)}, {"ops_per_client", std::to_string(ops)},
              {"max_open", "2"}, {"max_idle", "2"}, {"capacity", "1"}};
  return t;
}

// Args: clients, queries per client, and the preemption bound (-1: unbounded).
absl::StatusOr<explore::VerifyResult> VerifyOnce(const benchmark::State& state, bool reduction) {
  explore::VerifyOptions options;
  options.without_reduction = !reduction;
  if (state.range(2) >= 0) options.preemption_bound = static_cast<uint64_t>(state.range(2));
  options.max_executions = 2'000'000;
  options.time_budget_s = 120;
  return explore::Verify(Config(state.range(0), state.range(1)), options);
}

bool Verified(const explore::VerifyResult& r) {
  return r.verdict == explore::VerifyVerdict::kVerified;
}

void VerifyDpor(benchmark::State& state) {
  uint64_t executions = 0;
  bool verified = false;
  for (auto _ : state) {
    absl::StatusOr<explore::VerifyResult> r = VerifyOnce(state, true);
    if (!r.ok()) {
      state.SkipWithError(std::string(r.status().message()).c_str());
      return;
    }
    executions = r->executions;
    verified = Verified(*r);
  }
  state.counters["executions"] = static_cast<double>(executions);
  state.counters["verified"] = verified ? 1 : 0;
}

// DFS and DPOR on one tree, in one run: counters "dfs" and "dpor" (executions), "ratio"
// (dfs / dpor), and "dfs_exhausted" (1 when DFS finished, the rows issue 10's >= 10x
// applies to; else "ratio" is a lower bound).
void VerifyReduction(benchmark::State& state) {
  uint64_t dfs = 0;
  uint64_t dpor = 0;
  bool dfs_exhausted = false;
  for (auto _ : state) {
    absl::StatusOr<explore::VerifyResult> by_dpor = VerifyOnce(state, true);
    absl::StatusOr<explore::VerifyResult> by_dfs = VerifyOnce(state, false);
    if (!by_dpor.ok() || !by_dfs.ok() || !Verified(*by_dpor)) {
      state.SkipWithError("a verification failed or DPOR did not finish");
      return;
    }
    dfs = by_dfs->executions;
    dpor = by_dpor->executions;
    dfs_exhausted = Verified(*by_dfs);
  }
  state.counters["dfs"] = static_cast<double>(dfs);
  state.counters["dpor"] = static_cast<double>(dpor);
  state.counters["ratio"] = static_cast<double>(dfs) / static_cast<double>(dpor);
  state.counters["dfs_exhausted"] = dfs_exhausted ? 1 : 0;
}

// Issue 10's targets: 2 x 2 and 3 x 2 verified unbounded in under 60 s each (the
// "verified" counter must be 1); the reduction against DFS on the configurations DFS can
// finish, the bounded configurations of FINDINGS' "bounded reduction" table (>= 10x fewer
// executions for DPOR: the "ratio" counter).
BENCHMARK(VerifyDpor)->ArgNames({"clients", "ops", "bound"})->Args({1, 1, -1})
    ->Args({1, 2, -1})->Args({2, 1, -1})->Args({2, 2, -1})->Args({3, 2, -1})
    ->Args({2, 1, 1})->Args({2, 2, 1})->Args({3, 1, 1})->Args({3, 2, 1})->Args({2, 3, 1})
    ->Args({1, 2, 2})->Args({2, 1, 2})->Args({2, 2, 2})
    ->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(VerifyReduction)->ArgNames({"clients", "ops", "bound"})->Args({1, 1, -1})
    ->Args({1, 2, -1})->Args({2, 1, 1})->Args({2, 2, 1})->Args({3, 1, 1})->Args({3, 2, 1})
    ->Args({2, 3, 1})->Args({1, 2, 2})->Args({2, 1, 2})->Args({2, 2, 2})
    ->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace bench
