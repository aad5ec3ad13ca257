// The state one fake driver shares with every conn, stmt, rows and tx it makes: options,
// table, call log, fault decisions, id counters and observers; and the one protocol every
// driver call follows (DriverState::Run): check guards, log the start, tell observers,
// decide faults, take virtual time, do the work unless a fault decided the result, log the
// end, tell observers, annotate the trace.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/fakedb/call_kind.h"
#include "model/fakedb/call_log.h"
#include "model/fakedb/fault_decider.h"
#include "model/fakedb/options.h"
#include "model/fakedb/table.h"
#include "sim/access.h"
#include "sim/context.h"

namespace model::fakedb {

// What a call is on, for the log, the guards and the fault plan.
struct CallSite {
  CallKind kind = CallKind::kOpen;
  ConnId conn = kNoConn;
  uint64_t object = 0;         // stmt, rows or tx id
  bool object_closed = false;  // that stmt/rows/tx was closed or ended before this call
  absl::string_view detail;     // the query, if any
  const sim::Context* ctx = nullptr;  // nullptr: no context (a block fault never ends)
  uint32_t stmt_open_rows = 0;  // Stmt.Close: rows of the statement still open
};

class DriverState {
 public:
  explicit DriverState(FakeDriverOptions options);

  const FakeDriverOptions& options() const { return options_; }
  const CallLog& log() const { return log_; }
  ConnSummary& conn(ConnId id) { return log_.mutable_conn(id); }
  Table& table() { return table_; }
  const Table& table() const { return table_; }
  const FaultDecider& faults() const { return faults_; }
  void AddObserver(DriverObserver* observer) { observers_.push_back(observer); }

  uint64_t NextStmtId() { return ++stmts_made_; }
  uint64_t NextTxId() { return ++txs_made_; }
  uint64_t NextRowsId() { return ++rows_made_; }

  // Runs one driver call on a conn or its objects. `work` runs only if no guard or fault
  // decided the result. R is absl::Status or absl::StatusOr<T>.
  template <typename R, typename Work>
  R Run(const CallSite& site, Work&& work) {
    const Ticket ticket = Enter(site);
    if (!ticket.outcome.ok()) {
      Leave(ticket, ticket.outcome);
      return R(ticket.outcome);
    }
    R result = std::forward<Work>(work)();
    Leave(ticket, StatusOf(result));
    return result;
  }

  // Runs an Open call; on success registers the new conn and returns its id.
  absl::StatusOr<ConnId> RunOpen(const sim::Context* ctx);

 private:
  struct Ticket {
    uint64_t seq = 0;
    absl::Status outcome;  // non-OK: the call's result is decided before its work
  };

  static const absl::Status& StatusOf(const absl::Status& s) { return s; }
  template <typename T>
  static absl::Status StatusOf(const absl::StatusOr<T>& s) { return s.status(); }

  Ticket Enter(const CallSite& site);
  void Leave(const Ticket& ticket, const absl::Status& status);
  DriverCall PendingCall(const CallSite& site);
  std::optional<std::string> Misuse(const DriverCall& pending, const CallSite& site,
                                    bool* fatal) const;
  absl::Status Outcome(const CallSite& site, uint64_t seq, bool conn_failed);
  absl::Status TakeTime(const CallSite& site, const FaultDecision& decision);
  sim::Duration Jitter(const CallSite& site);

  FakeDriverOptions options_;
  CallLog log_;
  Table table_;
  FaultDecider faults_;
  std::vector<DriverObserver*> observers_;
  uint64_t stmts_made_ = 0;
  uint64_t txs_made_ = 0;
  uint64_t rows_made_ = 0;
  // Driver calls share the log, table, fault budget and observers without sim primitives;
  // for partial-order reduction (sim/access.h) a call declares what it touches: Open and
  // a conn's Close change the set of live conns (a write of the whole driver), any other
  // call reads that set and writes its own conn's state. Appends to the call log commute.
  void NoteCall(const CallSite& site);
  sim::AccessTag driver_tag_;
  std::vector<sim::AccessTag> conn_tags_;  // by conn id
};

}  // namespace model::fakedb
