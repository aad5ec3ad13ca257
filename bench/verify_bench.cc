// Bounded verification of the fixed pool: executions and wall time DPOR needs to exhaust
// the tree of an issue31480 configuration, next to plain DFS on the same tree (which is
// given at most 2M executions). Run: build/bench/poolcheck_bench --benchmark_filter=Verify
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
void Run(benchmark::State& state, bool reduction) {
  explore::VerifyOptions options;
  options.without_reduction = !reduction;
  if (state.range(2) >= 0) options.preemption_bound = static_cast<uint64_t>(state.range(2));
  options.max_executions = 2'000'000;
  options.time_budget_s = 120;
  uint64_t executions = 0;
  bool verified = false;
  for (auto _ : state) {
    absl::StatusOr<explore::VerifyResult> r = explore::Verify(Config(state.range(0), state.range(1)), options);
    if (!r.ok()) {
      state.SkipWithError(std::string(r.status().message()).c_str());
      return;
    }
    executions = r->executions;
    verified = r->verdict == explore::VerifyVerdict::kVerified;
  }
  state.counters["executions"] = static_cast<double>(executions);
  state.counters["verified"] = verified ? 1 : 0;
}

void VerifyDpor(benchmark::State& state) { Run(state, true); }
void VerifyDfs(benchmark::State& state) { Run(state, false); }

// Issue 10's targets: 2 x 2 and 3 x 2 verified unbounded in under 60 s each (the
// "verified" counter must be 1); DFS alongside on the configurations it can finish, and
// the bounded configurations of FINDINGS' "bounded reduction" table (>= 10x fewer
// executions for DPOR: compare the "executions" counters of the two rows).
BENCHMARK(VerifyDpor)->ArgNames({"clients", "ops", "bound"})->Args({1, 1, -1})
    ->Args({1, 2, -1})->Args({2, 1, -1})->Args({2, 2, -1})->Args({3, 2, -1})
    ->Args({2, 1, 1})->Args({2, 2, 1})->Args({3, 1, 1})->Args({3, 2, 1})->Args({2, 3, 1})
    ->Args({1, 2, 2})->Args({2, 1, 2})->Args({2, 2, 2})
    ->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(VerifyDfs)->ArgNames({"clients", "ops", "bound"})->Args({1, 1, -1})
    ->Args({1, 2, -1})->Args({2, 1, 1})->Args({2, 2, 1})->Args({3, 1, 1})->Args({3, 2, 1})
    ->Args({2, 3, 1})->Args({1, 2, 2})->Args({2, 1, 2})->Args({2, 2, 2})
    ->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace bench
