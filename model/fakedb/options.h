// How a fake driver behaves: which optional interfaces its connections implement, how
// long calls take in virtual time, whether misuse is a run failure, and its fault plan.
// Chosen once when the driver is created; every conn it opens follows them.
#pragma once

#include <cstdint>
#include <string>

#include "model/fakedb/call_kind.h"
#include "model/fakedb/fault_plan.h"
#include "sim/time.h"

namespace model::fakedb {

struct FakeDriverOptions {
  // Conns implement driver::SessionResetter / driver::ConnectionValidator. Off: the conn
  // is of a class without that base, so dynamic_pointer_cast to it fails.
  bool session_resetter = true;
  bool connection_validator = true;

  // Virtual time every call takes, plus a jitter of latency_jitter * k / (jitter_buckets-1)
  // with k chosen by the strategy (sim::ChooseIndex), so it is explored and replayed.
  sim::Duration call_latency;
  sim::Duration latency_jitter;
  uint32_t jitter_buckets = 4;
  // Calls that take no time and are no scheduling point (unless a kDelay rule says so).
  CallKindSet instant_calls = {CallKind::kValidConnection, CallKind::kClose};
  // A non-instant call with zero latency still yields (sim::Gosched), so other goroutines
  // can run between a call's start and end, as they could against a real server.
  bool yield_in_calls = true;

  // Misuse (two goroutines in one conn, a call after Close, Close twice, Close with open
  // statements or tx) fails the run through sim::Fail("fakedb", ...). Off: misuse returns
  // an error status (overlapping calls simply proceed), and properties judge the call log.
  bool guards = true;

  // Conn ExecContext/QueryContext return driver.ErrSkip (as Go's fakedb does), so the
  // pool falls back to Prepare + Stmt.Exec/Query + Stmt.Close.
  bool execer_returns_skip = false;

  FaultPlan faults;

  // One line for counterexamples, e.g. "resetter on, validator off, latency 1ms+0..3ms,
  // guards on; faults: 2nd Exec on conn 3 -> ErrBadConn".
  std::string ToString() const;
};

}  // namespace model::fakedb
