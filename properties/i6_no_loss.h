// I6 no loss, in two parts.
//
// (a) A conn the driver never failed is closed by the pool only by policy. As its driver
//     Close starts, one of these must hold: the DB is closed; the conn's transaction was
//     rolled back by Tx.awaitDone (Go discards the conn of a cancelled tx); the conn has
//     outlived maxLifetime or sat idle longer than maxIdleTime, by any value of the limit
//     in force since the closing goroutine may have read it (since the conn was last put
//     back, when the connectionCleaner found it idle, or since the closing client's op
//     began: Go's conn() reads maxLifetime once, before it waits for a conn; the limit may
//     be changed before the close itself); the pool's maxIdleClosed
//     counter grew by a close not yet matched to one (expired closes are matched to
//     maxLifetimeClosed/maxIdleTimeClosed instead, so those never excuse a fresh conn);
//     or maxOpen was lowered below numOpen (each conn then open may be closed).
// (b) No client operation gets ErrBadConn unless enough conns really failed during it:
//     maxBadConnRetries + 1 = 3 distinct failures for the operations Go retries on a fresh
//     conn (Exec; Prepare and its Stmt.Execs), 1 for the others (Ping retries only getting
//     a conn, a Tx statement or Rows.Next returns the driver's ErrBadConn as it is). A failure is a driver call that
//     returned ErrBadConn, on any goroutine, overlapping the operation in virtual time.
//     The close of an expired conn is not one: conn() answers it with ErrBadConn only
//     inside the retry loop, so a caller never sees ErrBadConn for a conn the pool
//     retired itself, except under the allowance for known bug expired-handoff-bad-conn
//     (golang/go#32530), where conn() does answer it with ErrBadConn on the last retry.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "properties/invariant.h"

namespace properties {

class I6NoLoss : public Invariant {
 public:
  explicit I6NoLoss(const KnownBugAllowances& allow = {}) : allow_(allow) {}
  InvariantId id() const override { return InvariantId::kI6; }
  void AfterStep(const Observation& obs) override;
  void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) override;
  void OnDriverCallEnd(const model::fakedb::DriverCall& call, const Observation& obs) override;
  void AtEnd(const Observation& obs, const EndState& end) override;

 private:
  // A conn failure as a client op may have seen it.
  struct FailureEvent {
    sim::Instant start;
    sim::Instant end;
    model::fakedb::ConnId conn = 0;  // kNoConn: a failed Open
  };

  void WatchLimit(const model::sql::PoolState& pool);
  // Why the pool may close healthy conn `call.conn` now; empty if it may not.
  std::string PolicyReason(const model::fakedb::DriverCall& call, const Observation& obs);
  bool Expired(const model::fakedb::DriverCall& call, const Observation& obs) const;
  void ClosePendingOpenerFailure(const model::sql::PoolState& pool);
  // A pool limit's values (maxLifetime, maxIdleTime) in the order set, each with the
  // virtual time it was first seen.
  struct Setting {
    sim::Instant since;
    sim::Duration value;
  };
  static void NoteSetting(std::vector<Setting>& history, sim::Duration value);
  // Whether `since` + a nonzero limit in force at some time in [from, to] is before `to`.
  static bool PastLimitInForce(const std::vector<Setting>& history, sim::Instant since,
                               sim::Instant from, sim::Instant to);
  void CheckClientOp(const ClientOp& op, const model::fakedb::CallLog& log);

  KnownBugAllowances allow_;
  int64_t idle_closes_matched_ = 0;     // closes matched to maxIdleClosed
  int64_t expiry_closes_matched_ = 0;   // expired closes matched to the expiry counters
  int64_t lowering_credit_ = 0;         // closes allowed by lowered maxOpen
  int last_max_open_ = 0;
  std::vector<Setting> lifetimes_;   // maxLifetime
  std::vector<Setting> idle_times_;  // maxIdleTime
  bool attached_ = false;
  std::vector<bool> tx_discarded_;      // index: conn id; rolled back by Tx.awaitDone
  std::vector<FailureEvent> failures_;
  // The failures_ index of connectionOpener's failed open not yet handled under db.mu, and
  // PoolState::opener_failures_handled as it returned.
  std::optional<size_t> pending_opener_failure_;
  uint64_t opener_failures_handled_at_failure_ = 0;
};

// The failures a client op needs to see before it may get ErrBadConn (see above).
int RequiredFailuresForBadConn(const std::string& op_label);

}  // namespace properties
