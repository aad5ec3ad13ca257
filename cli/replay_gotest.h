// `poolcheck replay` of a ported Go test's token. A failing run of a ported Go test
// (model/gotest) prints a pc1 token naming the test ("gotest" metadata) instead of a
// scenario: its program is C++ code compiled into the Go-test binary, not a workload the
// CLI can build. Replay hands such a token to that binary (POOLCHECK_GOTEST_TOKEN, found
// beside this poolcheck in the build tree: model_tests, or model_mutant_tests for a token
// of a mutant), which reruns exactly that run, traced, and says whether it reproduced.
#pragma once

#include <optional>
#include <string>

#include "cli/command.h"
#include "sim/token.h"

namespace cli {

// nullopt if `token` is not a Go test's; else the exit code of the rerun (0 the run
// passed, 1 it failed), or 2 with one line when the test binary is not found.
std::optional<int> ReplayGoTestToken(const sim::ReplayToken& token, CommandIo& io);

}  // namespace cli
