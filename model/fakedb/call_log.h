// The fake driver's record of every call it received: who called (goroutine), on what
// (conn, stmt/rows/tx), when (virtual start and end) and with what result; plus a running
// summary per conn and driver-wide counts. Properties read it (const) after every step or at
// the end of a run, and may watch calls as they happen through a DriverObserver.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "model/fakedb/call_kind.h"
#include "sim/goroutine.h"
#include "sim/time.h"

namespace model::fakedb {

// One driver call. ValidConnection returning false is logged as status ErrBadConn.
struct DriverCall {
  uint64_t seq = 0;  // 1-based, in order of call start
  CallKind kind = CallKind::kOpen;
  ConnId conn = kNoConn;  // an Open gets the new conn's id when it succeeds
  uint64_t object = 0;    // stmt, rows or tx id for calls on those; else 0
  std::string detail;     // the query of Prepare/Exec/Query, else empty
  sim::GoroutineId goroutine = 0;  // its name: CallLog::goroutine_name
  sim::Instant start;
  sim::Instant end;  // valid once finished
  bool finished = false;
  absl::Status status;
  int fault_rule = -1;        // index of the fault rule that decided the result, else -1
  bool fault_chosen = false;  // the strategy chose to fail this call
  // Stmt.Close: rows made by this statement's Query and not yet closed. The driver.Stmt
  // contract says a Stmt is not closed while queries use it.
  uint32_t stmt_open_rows = 0;

  // "conn 3 stmt 2 Stmt.Exec INSERT|1|a" (no goroutine, no time, no result).
  std::string Label() const;
  // "#12 g4 conn 3 Exec NOOP +1ms..+2ms -> ok", for reports.
  std::string ToString() const;
};

// "ok", "ErrBadConn", "EOF", or the status message.
std::string ShortStatus(const absl::Status& s);

// What the driver knows about one conn, kept up to date as calls start and end.
struct ConnSummary {
  ConnId id = kNoConn;
  uint64_t open_seq = 0;  // seq of the Open call that made it
  sim::Instant opened_at;  // when its Open returned
  uint64_t calls = 0;        // calls on the conn and its stmts/rows/tx, Open excluded
  uint32_t in_call = 0;      // calls on it started and not finished
  uint64_t inside_seq = 0;   // the latest call to enter it, until that call leaves; else 0
  uint32_t close_calls = 0;  // Close calls started
  uint64_t first_close_seq = 0;
  bool closed = false;            // a Close call has returned (the conn is gone)
  bool failed_by_driver = false;  // the driver returned ErrBadConn / ValidConnection false
  uint32_t open_stmts = 0;
  uint32_t open_rows = 0;
  uint64_t open_tx = 0;  // id of the tx begun and not committed/rolled back, else 0

  std::string ToString() const;
};

// Driver-wide counts.
struct DriverCounts {
  uint64_t open_attempts = 0;    // Open calls started
  uint64_t opens_in_flight = 0;  // Open calls started and not returned
  uint64_t conns_opened = 0;     // Open calls that returned a conn
  uint64_t conns_closed = 0;     // conns whose first Close has returned

  uint64_t live_conns() const { return conns_opened - conns_closed; }
};

// Watches driver calls as they happen; must only read. Called on the calling goroutine,
// OnCallStart before the call's guards and work, OnCallEnd after its result is logged. An
// observer may call sim::Fail to fail the run.
class DriverObserver {
 public:
  virtual ~DriverObserver() = default;
  virtual void OnCallStart(const DriverCall& call) {}
  virtual void OnCallEnd(const DriverCall& call) {}
};

class CallLog {
 public:
  // The entry buffer is recycled: a log takes the one the last log destroyed on this
  // thread left (emptied, its capacity kept) and leaves its own when destroyed. A run's log
  // grows to thousands of entries, and on these machines the fresh pages a growing vector
  // touches cost more than the calls it records (bench/check_bench.cc).
  CallLog();
  ~CallLog();
  CallLog(const CallLog&) = default;
  CallLog& operator=(const CallLog&) = default;

  // Reading.
  const std::vector<DriverCall>& entries() const { return entries_; }
  const DriverCall& call(uint64_t seq) const { return entries_[seq - 1]; }
  const std::vector<ConnSummary>& conns() const { return conns_; }  // index: id - 1
  const ConnSummary& conn(ConnId id) const { return conns_[id - 1]; }
  bool has_conn(ConnId id) const { return id >= 1 && id <= conns_.size(); }
  const DriverCounts& counts() const { return counts_; }
  // The name of a goroutine that has called the driver ("?" for one that has not).
  const std::string& goroutine_name(sim::GoroutineId id) const;

  // Recording, for the driver. StartCall assigns `call` the next seq and returns it;
  // the caller fills kind, conn, object, detail, goroutine and start.
  uint64_t StartCall(DriverCall call);
  void FinishCall(uint64_t seq, const absl::Status& status, sim::Instant end);
  // Registers the conn made by Open call `open_seq`, returning at `now`; returns its id.
  ConnId AddConn(uint64_t open_seq, sim::Instant now);
  // Remembers a calling goroutine's name (copied once per goroutine, not per call).
  void NoteGoroutine(sim::GoroutineId id, const std::string& name);
  DriverCall& mutable_call(uint64_t seq) { return entries_[seq - 1]; }
  ConnSummary& mutable_conn(ConnId id) { return conns_[id - 1]; }

 private:
  static constexpr size_t kInitialCapacity = 64;  // most runs make fewer calls
  // A bigger buffer is freed, not kept for the next log (it is 112 bytes an entry).
  static constexpr size_t kMaxRecycledCapacity = size_t{1} << 16;

  std::vector<DriverCall> entries_;
  std::vector<ConnSummary> conns_;
  std::vector<std::string> goroutine_names_;  // index: goroutine id; ids are dense
  DriverCounts counts_;
};

}  // namespace model::fakedb
