// Go's DBStats: the pool's counters and gauges as DB::Stats() reports them.
#pragma once

#include <cstdint>

#include "sim/time.h"

namespace model::sql {

struct DBStats {
  int MaxOpenConnections = 0;  // maximum number of open connections (0: unlimited)

  // Pool status.
  int OpenConnections = 0;  // established connections, in use and idle
  int InUse = 0;            // connections in use
  int Idle = 0;             // idle connections

  // Counters.
  int64_t WaitCount = 0;             // connections waited for
  sim::Duration WaitDuration;        // total time blocked waiting for a connection
  int64_t MaxIdleClosed = 0;         // closed because of SetMaxIdleConns
  int64_t MaxIdleTimeClosed = 0;     // closed because of SetConnMaxIdleTime
  int64_t MaxLifetimeClosed = 0;     // closed because of SetConnMaxLifetime
};

}  // namespace model::sql
