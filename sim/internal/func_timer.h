// A timer that starts a named goroutine when it fires, armed without a scheduling point:
// AfterFunc's mechanism, shared with context deadlines (which need their own goroutine
// name and are created inside an operation that has already had its scheduling point).
#pragma once

#include <functional>
#include <memory>
#include <source_location>
#include <string>

#include "sim/timer.h"

namespace sim::internal {

std::shared_ptr<detail::TimerState> ArmFuncTimer(Duration d, std::function<void()> fn,
                                                 std::string goroutine_name,
                                                 std::source_location loc);
// Stops a timer without a scheduling point; true if it was armed in the run in progress.
bool StopTimerNow(detail::TimerState* t);

}  // namespace sim::internal
