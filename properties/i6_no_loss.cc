// I6 no loss (see i6_no_loss.h).
#include "properties/i6_no_loss.h"

#include <algorithm>
#include <limits>
#include <set>

#include "absl/strings/str_cat.h"
#include "model/driver/driver.h"
#include "model/sql/db.h"
#include "properties/pool_lookup.h"
#include "sim/check.h"
#include "sim/timer.h"

namespace properties {

using model::fakedb::CallKind;

int RequiredFailuresForBadConn(const std::string& op_label) {
  const std::string verb = op_label.substr(0, op_label.find_first_of(" {"));
  // Go's Ping retries getting a conn, not the driver's Ping, so one failure suffices.
  const bool retried = verb == "Exec" || verb == "Prepare";
  return retried ? model::sql::kMaxBadConnRetries + 1 : 1;
}

void I6NoLoss::WatchLimit(const model::sql::PoolState& pool) {
  const bool lowered =
      pool.max_open > 0 && (last_max_open_ <= 0 || pool.max_open < last_max_open_);
  if (attached_ && lowered && pool.num_open > pool.max_open) lowering_credit_ += pool.num_open;
  last_max_open_ = pool.max_open;
  attached_ = true;
  NoteSetting(lifetimes_, pool.max_lifetime);
  NoteSetting(idle_times_, pool.max_idle_time);
}

void I6NoLoss::NoteSetting(std::vector<Setting>& history, sim::Duration value) {
  if (history.empty() || history.back().value != value) {
    history.push_back(Setting{sim::Now(), value});
  }
}

bool I6NoLoss::PastLimitInForce(const std::vector<Setting>& history, sim::Instant since,
                                sim::Instant from, sim::Instant to) {
  for (size_t i = 0; i < history.size(); ++i) {
    const Setting& s = history[i];
    const bool ended_before = i + 1 < history.size() && history[i + 1].since.Before(from);
    if (ended_before || to.Before(s.since)) continue;
    if (s.value > sim::Duration::Zero() && since.Add(s.value).Before(to)) return true;
  }
  return false;
}

void I6NoLoss::AfterStep(const Observation& obs) {
  WatchLimit(obs.state());
  ClosePendingOpenerFailure(obs.state());
}

// connectionOpener hands its failed open to a waiting conn() only after it takes db.mu
// again; a clock advance in between may let the waiter start after the driver returned.
// The failure lasts until the opener has handled it.
void I6NoLoss::ClosePendingOpenerFailure(const model::sql::PoolState& pool) {
  if (!pending_opener_failure_ ||
      pool.opener_failures_handled <= opener_failures_handled_at_failure_) {
    return;
  }
  failures_[*pending_opener_failure_].end = sim::Now();
  pending_opener_failure_.reset();
}

bool I6NoLoss::Expired(const model::fakedb::DriverCall& call, const Observation& obs) const {
  const model::sql::PoolView& pool = obs.pool();
  const model::sql::ConnView* conn = FindPoolConn(pool, call.conn);
  const sim::Instant created =
      conn != nullptr ? conn->created_at : obs.driver().conn(call.conn).opened_at;
  // The goroutine closing the conn judged it by limits it read at most this early: the
  // connectionCleaner when the conn was already in the free list, a client's conn() on
  // entry (it reads maxLifetime once, before it waits for a conn).
  sim::Instant read_since = conn != nullptr ? conn->returned_at : call.start;
  const int64_t op = CurrentClientOp(obs.clients(), call.goroutine);
  if (op >= 0) read_since = std::min(read_since, obs.clients().ops()[op].started);
  if (PastLimitInForce(lifetimes_, created, read_since, call.start)) return true;
  return conn != nullptr &&
         PastLimitInForce(idle_times_, conn->returned_at, read_since, call.start);
}

std::string I6NoLoss::PolicyReason(const model::fakedb::DriverCall& call,
                                   const Observation& obs) {
  const model::sql::PoolView& pool = obs.pool();
  if (pool.closed) return "DB closed";
  if (call.conn < tx_discarded_.size() && tx_discarded_[call.conn]) return "tx cancelled";
  // Closes the cleaner counted are of expired conns; they use up the expiry counters so
  // that those never excuse a later close of a conn that had not expired.
  const int64_t expiry_counted = pool.max_lifetime_closed + pool.max_idle_time_closed;
  if (Expired(call, obs)) {
    if (expiry_counted > expiry_closes_matched_) ++expiry_closes_matched_;
    return "expired";
  }
  if (pool.max_idle_closed > idle_closes_matched_) {
    ++idle_closes_matched_;
    return "maxIdle";
  }
  if (lowering_credit_ > 0) {
    --lowering_credit_;
    return "maxOpen lowered";
  }
  return "";
}

void I6NoLoss::OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) {
  if (!obs.has_pool()) return;
  WatchLimit(obs.state());
  if (call.kind == CallKind::kRollback && obs.driver().goroutine_name(call.goroutine) == "Tx.awaitDone") {
    if (tx_discarded_.size() <= call.conn) tx_discarded_.resize(call.conn + 1);
    tx_discarded_[call.conn] = true;
  }
  if (call.kind != CallKind::kClose || obs.driver().conn(call.conn).close_calls > 1) return;
  // Known bug expired-handoff-bad-conn: conn() answers this close with ErrBadConn.
  if (allow_.bad_conn_for_expired_handoff && Expired(call, obs)) {
    failures_.push_back(FailureEvent{call.start, call.start, call.conn});
  }
  if (obs.driver().conn(call.conn).failed_by_driver) return;
  if (!PolicyReason(call, obs).empty()) return;
  Fail(absl::StrCat("healthy driver conn ", call.conn, " (the driver never failed it) is closed "
                    "by the pool with no policy reason: ", CallLabel(obs.driver(), call),
                    "; not expired, DB open, no idle/lifetime close counted, maxOpen not "
                    "lowered, numOpen ", obs.pool().num_open, ", maxOpen ",
                    obs.pool().max_open));
}

void I6NoLoss::OnDriverCallEnd(const model::fakedb::DriverCall& call, const Observation& obs) {
  if (!model::driver::IsBadConn(call.status)) return;
  const bool by_opener = call.kind == CallKind::kOpen && obs.has_pool() &&
                         obs.driver().goroutine_name(call.goroutine) == "connectionOpener";
  if (!by_opener) {
    failures_.push_back(FailureEvent{call.start, call.end, call.conn});
    return;
  }
  // Open until ClosePendingOpenerFailure sees the opener done with it.
  POOLCHECK_CHECK(!pending_opener_failure_, "two failed opens pending on one connectionOpener");
  pending_opener_failure_ = failures_.size();
  opener_failures_handled_at_failure_ = obs.state().opener_failures_handled;
  failures_.push_back(FailureEvent{call.start, sim::Instant::FromNanoseconds(std::numeric_limits<int64_t>::max()), call.conn});
}

void I6NoLoss::CheckClientOp(const ClientOp& op, const model::fakedb::CallLog& log) {
  std::set<model::fakedb::ConnId> conns;
  int opens = 0;
  for (const FailureEvent& f : failures_) {
    if (f.end < op.started || op.finished < f.start) continue;
    if (f.conn == model::fakedb::kNoConn) ++opens;
    else conns.insert(f.conn);
  }
  const int seen = opens + static_cast<int>(conns.size());
  const int required = RequiredFailuresForBadConn(op.label);
  if (seen >= required) return;
  Fail(absl::StrCat("client ", op.client, " op ", op.op_index, " \"", op.label, "\" (",
                    GoroutineLabel(log, op.goroutine), ", ", op.started.ToString(), "..",
                    op.finished.ToString(), ") got ErrBadConn, but only ", seen,
                    " conn failure(s) happened meanwhile; at least ", required,
                    " are needed before the pool may give up"));
}

void I6NoLoss::AtEnd(const Observation& obs, const EndState& end) {
  for (const ClientOp& op : obs.clients().ops()) {
    if (!op.done || !model::driver::IsBadConn(op.status)) continue;
    CheckClientOp(op, obs.driver());
    if (failed()) return;
  }
}

}  // namespace properties
