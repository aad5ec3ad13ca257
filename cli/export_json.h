// The JSON forms of the differential test (issue 11 §2): a workload as `poolcheck export`
// writes it for the Go program of confirm/differential/ (pool settings, the fake driver's
// options and fault plan, each client's ops in order), and what a run of it did (the
// driver call log, each op's error, DB.Stats() before and after the final Close), the
// form both the C++ pool and real Go's database/sql report so the two compare field by
// field. confirm/differential/README.md describes both formats.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "model/fakedb/call_log.h"
#include "model/sql/stats.h"
#include "scenarios/workload.h"

namespace cli {

// The format names written into every document (the Go program checks them).
inline constexpr char kWorkloadFormat[] = "poolcheck-workload/1";
inline constexpr char kOutcomeFormat[] = "poolcheck-outcome/1";

// One line of JSON (no newline): the workload, labelled `name`.
std::string WorkloadJson(const scenarios::Workload& workload, const std::string& name);

// OK if the workload format (and the Go program reading it) can carry every op: not the op
// kinds added since (SetConnMaxLifetime, SetConnMaxIdleTime, Raw, TxStmt), nor ops with a
// pause or left open. Otherwise FailedPrecondition naming the first op it cannot carry.
absl::Status CheckExportable(const scenarios::Workload& workload);

// OK if a run with clients one after another is the same on the C++ pool and on real Go:
// no op under a timeout or cancellation (real Go's contexts run on the wall clock), no
// latency jitter and no chosen faults (both are the C++ strategy's choices), no fault that
// blocks until a context is done. Otherwise FailedPrecondition naming the first obstacle.
absl::Status CheckSequentiallyComparable(const scenarios::Workload& workload);

// One top-level client op's result.
struct OpOutcome {
  uint32_t client = 0;
  uint32_t op = 0;
  std::string label;  // Op::Show()
  std::string error;  // "" when the op succeeded, else the error text
};

// What a run did, as both sides report it.
struct RunOutcome {
  std::vector<model::fakedb::DriverCall> calls;
  std::vector<OpOutcome> ops;
  model::sql::DBStats stats_before_close;  // after the last client, before DB.Close
  model::sql::DBStats stats;               // at the very end
  std::string run_failure;                 // the simulated run failed: why ("" if not)
};

// One line of JSON (no newline). Call times are nanoseconds since the run's start.
std::string OutcomeJson(const RunOutcome& outcome);

}  // namespace cli

namespace cli {

inline constexpr char kCaseFormat[] = "poolcheck-case/1";

// One line of JSON (no newline): a differential case, the workload (WorkloadJson) and,
// when `cpp` is given, what the C++ pool did with it (OutcomeJson). The Go program of
// confirm/differential/ reads one case per line and compares its own outcome with "cpp".
std::string CaseJson(const scenarios::Workload& workload, const std::string& name,
                     const RunOutcome* cpp);

}  // namespace cli
