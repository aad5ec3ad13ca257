// The driver-call protocol shared by all fake driver objects (see driver_state.h).
#include "model/fakedb/driver_state.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "model/driver/driver.h"
#include "model/fakedb/guards.h"
#include "sim/choice.h"
#include "sim/goroutine.h"
#include "sim/timer.h"

namespace model::fakedb {

DriverState::DriverState(FakeDriverOptions options)
    : options_(std::move(options)), faults_(options_.faults) {}

absl::StatusOr<ConnId> DriverState::RunOpen(const sim::Context* ctx) {
  const Ticket ticket = Enter(CallSite{.kind = CallKind::kOpen, .conn = kNoConn, .object = 0,
                                       .object_closed = false, .detail = {}, .ctx = ctx});
  if (ticket.outcome.ok()) log_.AddConn(ticket.seq, sim::Now());
  Leave(ticket, ticket.outcome);
  if (!ticket.outcome.ok()) return ticket.outcome;
  return log_.call(ticket.seq).conn;
}

DriverCall DriverState::PendingCall(const CallSite& site) {
  DriverCall call;
  call.kind = site.kind;
  call.conn = site.conn;
  call.object = site.object;
  call.detail = std::string(site.detail);
  call.stmt_open_rows = site.stmt_open_rows;
  call.goroutine = sim::CurrentGoroutine();
  log_.NoteGoroutine(call.goroutine, sim::CurrentGoroutineName());
  call.start = sim::Now();
  return call;
}

// Misuse of the driver by the pool, judged on the state before the call is logged. *fatal
// says whether it fails the run (guards on) rather than becoming the call's error.
std::optional<std::string> DriverState::Misuse(const DriverCall& pending, const CallSite& site,
                                               bool* fatal) const {
  *fatal = options_.guards;
  if (options_.guards) {
    if (auto overlap = ExclusiveUseViolation(log_, pending)) return overlap;
  }
  return LifecycleViolation(log_, pending, site.object_closed);
}

void DriverState::NoteCall(const CallSite& site) {
  // A fault plan counts calls across conns (the n-th Exec, a shared budget): with one,
  // every call is a write of the whole driver.
  const bool live_set = site.conn == kNoConn || site.kind == CallKind::kOpen ||
                        site.kind == CallKind::kClose || !options_.faults.empty();
  sim::NoteSharedAccess(driver_tag_, /*write=*/live_set);
  if (live_set) return;
  if (conn_tags_.size() <= site.conn) conn_tags_.resize(site.conn + 1);
  sim::NoteSharedAccess(conn_tags_[site.conn], /*write=*/true);
}

DriverState::Ticket DriverState::Enter(const CallSite& site) {
  NoteCall(site);
  DriverCall pending = PendingCall(site);
  const bool conn_failed = log_.has_conn(site.conn) && log_.conn(site.conn).failed_by_driver;
  bool fatal = false;
  const std::optional<std::string> misuse = Misuse(pending, site, &fatal);
  const uint64_t seq = log_.StartCall(std::move(pending));
  for (DriverObserver* observer : observers_) observer->OnCallStart(log_.call(seq));
  if (misuse && fatal) {
    sim::Fail("fakedb", *misuse);
    return Ticket{seq, absl::AbortedError(*misuse)};  // not reached inside a goroutine
  }
  if (misuse) return Ticket{seq, absl::FailedPreconditionError(absl::StrCat("fakedb: ", *misuse))};
  return Ticket{seq, Outcome(site, seq, conn_failed)};
}

// The fault plan's verdict, after the call's virtual time has passed. A conn the driver
// already failed answers ErrBadConn to everything but the Close calls, which release it as
// they would a healthy one (as in Go's fakedb); ValidConnection reports any failure as
// ErrBadConn.
absl::Status DriverState::Outcome(const CallSite& site, uint64_t seq, bool conn_failed) {
  conn_failed = conn_failed && !IsCloseCall(site.kind);
  const FaultDecision decision = faults_.Decide(site.kind, site.conn, conn_failed);
  if (decision.faulted()) {
    DriverCall& call = log_.mutable_call(seq);
    call.fault_rule = decision.rule;
    call.fault_chosen = decision.chosen;
  }
  absl::Status status = TakeTime(site, decision);
  if (status.ok()) status = conn_failed ? driver::ErrBadConn() : decision.status;
  if (site.kind == CallKind::kValidConnection && !status.ok()) status = driver::ErrBadConn();
  return status;
}

absl::Status DriverState::TakeTime(const CallSite& site, const FaultDecision& decision) {
  if (decision.block) {
    const sim::Context ctx = site.ctx != nullptr ? *site.ctx : sim::Context::Background();
    ctx.Done().Recv();  // Background: the nil channel, so the call never returns
    return ctx.Err();
  }
  const bool instant = options_.instant_calls.Contains(site.kind);
  sim::Duration latency = decision.extra_delay;
  if (!instant) latency += options_.call_latency + Jitter(site);
  if (latency > sim::Duration::Zero()) {
    sim::Sleep(latency);
  } else if (!instant && options_.yield_in_calls) {
    sim::Gosched();
  }
  return absl::OkStatus();
}

sim::Duration DriverState::Jitter(const CallSite& site) {
  const uint64_t buckets = options_.jitter_buckets;
  if (options_.latency_jitter <= sim::Duration::Zero() || buckets < 2) return sim::Duration::Zero();
  const uint64_t k = sim::ChooseIndex(
      buckets, absl::StrCat("latency: ", CallKindName(site.kind), " conn ", site.conn));
  return options_.latency_jitter * static_cast<int64_t>(k) / static_cast<int64_t>(buckets - 1);
}

void DriverState::Leave(const Ticket& ticket, const absl::Status& status) {
  const DriverCall& started = log_.call(ticket.seq);
  NoteCall(CallSite{.kind = started.kind, .conn = started.conn});
  log_.FinishCall(ticket.seq, status, sim::Now());
  const DriverCall& call = log_.call(ticket.seq);
  for (DriverObserver* observer : observers_) observer->OnCallEnd(call);
  if (sim::TracingEnabled()) {
    sim::Annotate("driver", absl::StrCat(call.Label(), " -> ", ShortStatus(status)));
  }
}

}  // namespace model::fakedb
