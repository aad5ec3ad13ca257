// Pool events in the run's trace: one line per decision the pool makes about a conn
// ("putConn conn#3 -> free list"), written only when the run records a trace.
#pragma once

#include "absl/strings/str_cat.h"
#include "sim/goroutine.h"

namespace model::sql {

template <typename... Parts>
void TracePool(const Parts&... parts) {
  if (sim::TracingEnabled()) sim::Annotate("pool", absl::StrCat(parts...));
}

}  // namespace model::sql
