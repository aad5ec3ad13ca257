// I10 completion (see i10_completion.h).
#include "properties/i10_completion.h"

#include "absl/strings/str_cat.h"

namespace properties {

namespace {

// Where goroutine `id` is stuck, from the end-of-run report; "" if it is not alive.
std::string WhereStuck(const EndState& end, sim::GoroutineId id) {
  for (const sim::GoroutineReport& g : end.live_goroutines) {
    if (g.id != id) continue;
    return absl::StrCat(" (", g.state, g.blocked_on.empty() ? "" : ": ", g.blocked_on, " at ",
                        g.location, ")");
  }
  return "";
}

}  // namespace

void I10Completion::AtEnd(const Observation& obs, const EndState& end) {
  int64_t pending = 0;
  const ClientOp* first = nullptr;
  for (const ClientOp& op : obs.clients().ops()) {
    if (op.done) continue;
    ++pending;
    if (first == nullptr) first = &op;
  }
  if (first == nullptr) return;
  Fail(absl::StrCat(pending, " client operation(s) never completed; first: client ",
                    first->client, " op ", first->op_index, " \"", first->label, "\" on g",
                    first->goroutine, ", started ", first->started.ToString(),
                    WhereStuck(end, first->goroutine)));
}

}  // namespace properties
