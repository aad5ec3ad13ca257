// Fired faults as coverage events; see fault_fired.h.
#include "scenarios/fault_fired.h"

#include "scenarios/workload_gen.h"

namespace scenarios {

std::string FaultFiredEvent(std::string_view target) {
  return std::string("driver: fault fired on ").append(target);
}

void AddFiredFaultEvents(const model::fakedb::CallLog& log,
                         std::map<std::string, uint64_t>& events) {
  for (const model::fakedb::DriverCall& call : log.entries()) {
    if (call.fault_rule < 0 && !call.fault_chosen) continue;
    for (const FaultTarget& target : FaultTargets()) {
      if (target.calls.Contains(call.kind)) ++events[FaultFiredEvent(target.name)];
    }
  }
}

}  // namespace scenarios
