// The per-thread pool event sink: see pool_trace.h.
#include "model/sql/pool_trace.h"

namespace model::sql {
namespace {
thread_local PoolEventSink* current_sink = nullptr;
}  // namespace

void SetPoolEventSink(PoolEventSink* sink) { current_sink = sink; }
PoolEventSink* CurrentPoolEventSink() { return current_sink; }

}  // namespace model::sql
