// Runs that crash the process: a pool bug that dereferences a null or freed object kills
// whoever runs it with a signal. The explorer runs runs in forked workers
// (ExploreOptions::isolate_crashes) and replay reruns tokens in a forked child, so such a
// run becomes a failure "crash" with a token, never a dead harness. This file turns a
// signal into that failure: its message, its record, and its report and token.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "explore/explore_plan.h"
#include "sim/token.h"

namespace explore {

// "the run crashed the process: signal 11 (SIGSEGV)".
std::string CrashMessage(int signal);

// The record of run `run_index`, which killed its worker with `signal`.
RunRecord CrashRecord(uint64_t run_index, int signal);

// The report of that run: failure "crash", and a token that reruns it from its seed (no
// choice stream: the run never finished), so replay and shrink can reproduce it.
RunReport CrashReport(const ExplorePlan& plan, const RunRecord& record);

// The report of a replay of `token` that killed its process with `signal`.
absl::StatusOr<RunReport> CrashedReplayReport(const sim::ReplayToken& token, int signal);

}  // namespace explore
