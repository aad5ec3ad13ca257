// The failure report: the one place that turns a failing run into text. explore, replay and
// shrink all print it, built from a rerun of the token with the trace recorded, so the
// same token always prints the same bytes.
//
//   FAIL <invariant id> <scenario> pool=<version> strategy=<s> seed=<n> run=<k> step=<m>
//     <the invariant's message, in plain words>
//     raised at <file:line>
//     params: <key=value ...>
//
//   last events of the goroutines involved:
//     g12 client 11 [blocked: chan receive at ...]
//           4100  +1.2ms      block chan receive at ...
//
//   token: <token>
//   replay: poolcheck replay <token or file>
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "explore/runner.h"
#include "sim/run.h"

namespace cli {

struct ReportLimits {
  size_t max_goroutines = 6;        // goroutines shown in the "last events" section
  size_t events_per_goroutine = 8;  // events shown per goroutine
};

// The whole report, ending in a newline. `replay_arg` is what the replay command line
// passes: the token itself, or the file it was saved to.
std::string FormatFailureReport(const explore::RunReport& report,
                                const std::string& replay_arg,
                                const ReportLimits& limits = {});

// The report's first line, without a newline.
std::string FailureHeadline(const explore::RunReport& report);

// One line for a run that did not fail ("PASS <scenario> pool=... steps=<m>").
std::string PassLine(const explore::RunReport& report);

// "poolcheck replay <arg>", the argument shell-quoted if it needs it.
std::string ReplayCommand(const std::string& replay_arg);

}  // namespace cli
