// Which planned faults fired in a run. A fault plan names calls ("the 3rd Exec fails"),
// but a run may never make that call; the fake driver's call log marks each call a fault
// decided (DriverCall::fault_rule, fault_chosen). The runner adds one coverage event per
// driver entry point of the generator (FaultTargets) whose fault fired, so explorations
// count, merge and report the runs where it did like any pool event, and `poolcheck fuzz
// --stats` reports fired shares beside planned ones.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "model/fakedb/call_log.h"

namespace scenarios {

// The coverage event of a fired fault on entry point `target` (a FaultTarget name):
// "driver: fault fired on Exec".
std::string FaultFiredEvent(std::string_view target);

// Adds to `events` each entry point's FaultFiredEvent, counted once per faulted call.
void AddFiredFaultEvents(const model::fakedb::CallLog& log,
                         std::map<std::string, uint64_t>& events);

}  // namespace scenarios
