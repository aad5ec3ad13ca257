// The one interface every invariant checker (I1..I12 of shared/notes/invariants.md)
// implements, and what a checker is allowed to see: the pool's PoolView (DB::Inspect, no
// scheduling point), the fake driver's CallLog and the calls as they happen, the ClientLog,
// and, at the end, the goroutines still alive. Checkers only read; a broken invariant ends
// the run through sim::Fail with the invariant's id ("I5") and a plain-words message.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/fakedb/call_log.h"
#include "model/sql/view.h"
#include "properties/client_log.h"
#include "sim/run.h"

namespace model::sql {
class DB;
}

namespace properties {

enum class InvariantId : uint8_t { kI1 = 1, kI2, kI3, kI4, kI5, kI6, kI7, kI8, kI9, kI10, kI11, kI12 };
inline constexpr int kInvariantCount = 12;

// "I1".."I12": the failure id a broken invariant reports.
std::string_view InvariantName(InvariantId id);
// Parses "I1".."I12" (case-insensitive "i7" too); nullopt otherwise.
std::optional<InvariantId> ParseInvariantId(std::string_view text);

// A set of invariants (which ones a Monitor checks).
class InvariantSet {
 public:
  constexpr InvariantSet() = default;
  static constexpr InvariantSet All() {
    InvariantSet s;
    s.bits_ = ((uint32_t{1} << kInvariantCount) - 1) << 1;
    return s;
  }
  static constexpr InvariantSet None() { return InvariantSet(); }
  static constexpr InvariantSet Only(InvariantId id) { return None().With(id); }

  constexpr bool Contains(InvariantId id) const { return (bits_ & Bit(id)) != 0; }
  constexpr InvariantSet With(InvariantId id) const { return InvariantSet(bits_ | Bit(id)); }
  constexpr InvariantSet Without(InvariantId id) const { return InvariantSet(bits_ & ~Bit(id)); }
  constexpr bool operator==(const InvariantSet&) const = default;

 private:
  constexpr explicit InvariantSet(uint32_t bits) : bits_(bits) {}
  static constexpr uint32_t Bit(InvariantId id) { return uint32_t{1} << static_cast<int>(id); }
  uint32_t bits_ = 0;
};

// Real bugs of the modelled pool versions that checkers can be told to look past, so a
// property run can go on hunting for other failures. All off by default: they are bugs,
// and a strict Monitor reports them.
struct KnownBugAllowances {
  // I11: a statement of a Tx reaches the driver after Tx.awaitDone rolled the tx back on
  // cancel (Go 1.13's rollback does not wait for the tx's statements in progress).
  bool tx_statement_after_cancel_rollback = false;
  // I3: conn()'s last retry (alwaysNewConn) waits in connRequests at maxOpen while conns
  // sit idle in freeConn, and nothing will ever release one to it.
  bool always_new_conn_waits_beside_idle_conns = false;
  // I6: conn() closes an expired conn handed over to a waiter and returns ErrBadConn
  // whatever the retry strategy, so the last retry (alwaysNewConn) can fail the same way
  // and the caller sees ErrBadConn for a conn the pool retired itself (golang/go#32530).
  // Allowed, the close of an expired conn counts as a conn failure for I6 (b).
  bool bad_conn_for_expired_handoff = false;
  // I8: Stmt.Close of a statement prepared on a Tx or a Conn closes the driver statement at
  // once, while rows of its Query are open (a DB statement waits for its rows), breaking
  // driver.Stmt's promise that a Stmt is not closed while queries use it. Allowed, I8
  // looks past a statement closed under open rows.
  bool stmt_closed_under_open_rows = false;
  // I4: SetConnMaxLifetime or SetConnMaxIdleTime after DB.Close, with a conn still open,
  // starts a connectionCleaner (startCleanerLocked does not check db.closed) that
  // outlives Close until its first tick. Allowed, I4 looks past a live connectionCleaner
  // after Close (any, not only one started after Close).
  bool cleaner_started_after_close = false;
  // I5: a sql.Conn's Close races the end of an operation on it (Tx.awaitDone's rollback)
  // that failed the conn: Close wins the CAS on Conn.done, the failed operation's
  // Conn.close(ErrBadConn) returns ErrConnDone, and Close gives the conn back with no
  // error, so the pool reuses a conn it saw fail. Allowed, I5 looks past the reuse of a
  // conn whose verdict a Conn's Close dropped that way (ConnView::bad_conn_verdict_dropped).
  bool conn_close_drops_bad_conn = false;
  // A panic, not an invariant: SetConnMaxLifetime/SetConnMaxIdleTime lowering a setting
  // after DB.Close, before the connectionCleaner has seen the Close, sends on the cleanerCh
  // Close closed ("send on closed channel"). Allowed, explore reports the run as this
  // known bug instead of a failure (explore/runner.cc).
  bool lifetime_after_close_panics = false;
  // A panic, not an invariant: an operation on a sql.Conn passes grabConn's done check,
  // then a concurrent close (Conn.Close, or the Conn closing itself on ErrBadConn) takes
  // closemu first and sets dc to nil, and the operation dereferences it. Allowed, as above.
  bool conn_grab_after_close_panics = false;

  bool operator==(const KnownBugAllowances&) const = default;

  static KnownBugAllowances AllKnownBugs() {
    return KnownBugAllowances{true, true, true, true, true, true, true, true};
  }
};

// What a checker sees at a check. The pool is read lazily, at most once per check, so
// checkers that do not need it cost nothing; it is absent before Monitor::Attach. state()
// is the pool-level part only (O(len(freeConn)): what the per-step checks read); pool()
// adds every live conn (O(live conns)); HeldBy() reads the pool's held-conn index. With
// `full_scan` (the reference mode the check benchmark and the agreement tests compare
// against), state() is the whole view too and HeldBy() filters it. state() fills
// `state_buffer`, which the Monitor lends to one Observation at a time and reuses, so a
// check allocates nothing once its buffers have grown (tests without a pool pass none).
class Observation {
 public:
  Observation(const model::sql::DB* db, const model::fakedb::CallLog& driver,
              const ClientLog& clients, model::sql::PoolState* state_buffer = nullptr,
              bool full_scan = false)
      : db_(db), driver_(driver), clients_(clients), state_buffer_(state_buffer),
        full_scan_(full_scan) {}

  bool has_pool() const { return db_ != nullptr; }
  const model::sql::PoolView& pool() const;  // requires has_pool()
  const model::sql::PoolState& state() const;  // requires has_pool()
  // Into *out (cleared first): the live conns the pool has handed to goroutine `g` and not
  // taken back (ConnView::held && held_by == g), in pool id order. Requires has_pool().
  void HeldBy(sim::GoroutineId g, std::vector<model::sql::ConnView>* out) const;
  const model::fakedb::CallLog& driver() const { return driver_; }
  const ClientLog& clients() const { return clients_; }
  bool pool_taken() const { return view_.has_value(); }
  bool state_taken() const { return state_taken_; }

 private:
  const model::sql::DB* db_;
  const model::fakedb::CallLog& driver_;
  const ClientLog& clients_;
  model::sql::PoolState* state_buffer_;  // required to read state() without full_scan
  bool full_scan_;
  mutable std::optional<model::sql::PoolView> view_;
  mutable bool state_taken_ = false;
};

// What the end-of-run checks see in addition.
struct EndState {
  std::vector<sim::GoroutineReport> live_goroutines;  // sim::LiveGoroutines()
};

class Invariant {
 public:
  virtual ~Invariant() = default;
  virtual InvariantId id() const = 0;

  // After a scheduling step in which the pool or the driver log may have changed.
  virtual void AfterStep(const Observation& obs) {}
  // On the calling goroutine, as a driver call starts (before its work) and ends.
  virtual void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) {}
  virtual void OnDriverCallEnd(const model::fakedb::DriverCall& call, const Observation& obs) {}
  // Once, when the run ends without another failure.
  virtual void AtEnd(const Observation& obs, const EndState& end) {}
  // The name of an allowed known bug (known_bugs.h) whose tolerated state held after the
  // last step, so a run that then deadlocks is that bug's consequence; "" if none.
  virtual std::string KnownBugHolding() const { return ""; }

  // Whether this checker has failed the run (the Monitor then stops checking).
  bool failed() const { return failed_; }

 protected:
  // sim::Fail(InvariantName(id()), message). On a goroutine it does not return; in a hook
  // it records the failure and returns, and the run stops after the hook.
  void Fail(std::string message) const;

 private:
  mutable bool failed_ = false;
};

}  // namespace properties
