// Runs a workload on the C++ pool the way the differential test runs it on real Go: one
// simulated run in which main opens the DB, applies the pool settings, then runs the
// clients one after another (each in its own goroutine, the next started when the last
// has finished), takes DB.Stats(), closes the DB (if the workload asks) and takes
// DB.Stats() again. With no concurrency between clients and no timeouts, what the pool
// does is fixed by the workload alone, so any schedule gives the same outcome.
#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "cli/export_json.h"
#include "scenarios/workload.h"

namespace cli {

// The outcome of that run under the strategy "random" with `seed` (the seed must not
// matter; the differential test checks that it does not). InvalidArgument for a workload
// ValidateWorkload rejects.
absl::StatusOr<RunOutcome> RunClientsInTurn(const scenarios::Workload& workload,
                                            uint64_t seed = 1);

}  // namespace cli
