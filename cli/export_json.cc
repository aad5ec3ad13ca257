// Writing workloads and run outcomes as the differential test's JSON; see export_json.h.
#include "cli/export_json.h"

#include "absl/strings/str_cat.h"
#include "cli/json_writer.h"
#include "model/fakedb/fault_plan.h"

namespace cli {
namespace {

using model::fakedb::CallKind;
using model::fakedb::CallKindSet;
using model::fakedb::FaultAction;

void CallKinds(JsonWriter& w, CallKindSet set) {
  w.BeginArray();
  for (int k = 0; k < model::fakedb::kCallKindCount; ++k) {
    const auto kind = static_cast<CallKind>(k);
    if (set.Contains(kind)) w.String(model::fakedb::CallKindName(kind));
  }
  w.EndArray();
}

absl::string_view ActionName(FaultAction action) {
  switch (action) {
    case FaultAction::kBadConn: return "bad_conn";
    case FaultAction::kError: return "error";
    case FaultAction::kBlockUntilDone: return "block_until_done";
    case FaultAction::kDelay: return "delay";
  }
  return "?";
}

// The names the Go program's interpreter knows (confirm/differential/interp.go); the kinds
// appended to the workload codec since have none there (CheckExportable refuses them).
absl::string_view OpKindName(scenarios::OpKind kind) {
  using scenarios::OpKind;
  switch (kind) {
    case OpKind::kExec: return "Exec";
    case OpKind::kQuery: return "Query";
    case OpKind::kQueryRow: return "QueryRow";
    case OpKind::kPing: return "Ping";
    case OpKind::kTx: return "Tx";
    case OpKind::kConn: return "Conn";
    case OpKind::kPrepare: return "Prepare";
    case OpKind::kSetMaxOpenConns: return "SetMaxOpenConns";
    case OpKind::kSetMaxIdleConns: return "SetMaxIdleConns";
    case OpKind::kSleep: return "Sleep";
    case OpKind::kCloseDB: return "CloseDB";
    case OpKind::kSetConnMaxLifetime:
    case OpKind::kSetConnMaxIdleTime:
    case OpKind::kRaw:
    case OpKind::kTxStmt: return "";
  }
  return "";
}

void Pool(JsonWriter& w, const scenarios::PoolConfig& p) {
  w.BeginObject();
  w.Key("version").String(model::sql::PoolVersionName(p.version));
  w.Key("max_open").Int(p.max_open);
  w.Key("max_idle").Int(p.max_idle);
  w.Key("max_lifetime_ns").Int(p.max_lifetime.nanoseconds());
  w.Key("max_idle_time_ns").Int(p.max_idle_time.nanoseconds());
  w.EndObject();
}

void Rule(JsonWriter& w, const model::fakedb::FaultRule& r) {
  w.BeginObject();
  w.Key("calls");
  CallKinds(w, r.calls);
  w.Key("conn").Uint(r.conn);
  w.Key("first").Uint(r.first);
  w.Key("count").Uint(r.count);
  w.Key("action").String(ActionName(r.action));
  w.Key("delay_ns").Int(r.delay.nanoseconds());
  w.EndObject();
}

void Driver(JsonWriter& w, const model::fakedb::FakeDriverOptions& d) {
  w.BeginObject();
  w.Key("session_resetter").Bool(d.session_resetter);
  w.Key("connection_validator").Bool(d.connection_validator);
  w.Key("call_latency_ns").Int(d.call_latency.nanoseconds());
  w.Key("latency_jitter_ns").Int(d.latency_jitter.nanoseconds());
  w.Key("instant_calls");
  CallKinds(w, d.instant_calls);
  w.Key("guards").Bool(d.guards);
  w.Key("execer_returns_skip").Bool(d.execer_returns_skip);
  w.Key("fault_rules").BeginArray();
  for (const model::fakedb::FaultRule& r : d.faults.rules) Rule(w, r);
  w.EndArray();
  w.Key("chosen_fault_calls");
  CallKinds(w, d.faults.chosen.calls);
  w.Key("chosen_fault_budget").Uint(d.faults.chosen.budget);
  w.EndObject();
}

void OpJson(JsonWriter& w, const scenarios::Op& op) {
  w.BeginObject();
  w.Key("kind").String(OpKindName(op.kind));
  w.Key("query").String(op.query);
  w.Key("rows").Int(op.rows);
  w.Key("n").Int(op.n);
  w.Key("repeat").Int(op.repeat);
  w.Key("rollback").Bool(op.rollback);
  w.Key("timeout_ns").Int(op.timeout.nanoseconds());
  w.Key("cancel_after_ns").Int(op.cancel_after.nanoseconds());
  w.Key("duration_ns").Int(op.duration.nanoseconds());
  w.Key("inner").BeginArray();
  for (const scenarios::Op& inner : op.inner) OpJson(w, inner);
  w.EndArray();
  w.EndObject();
}

void Stats(JsonWriter& w, const model::sql::DBStats& s) {
  w.BeginObject();
  w.Key("max_open").Int(s.MaxOpenConnections);
  w.Key("open").Int(s.OpenConnections);
  w.Key("in_use").Int(s.InUse);
  w.Key("idle").Int(s.Idle);
  w.Key("wait_count").Int(s.WaitCount);
  w.Key("max_idle_closed").Int(s.MaxIdleClosed);
  w.Key("max_idle_time_closed").Int(s.MaxIdleTimeClosed);
  w.Key("max_lifetime_closed").Int(s.MaxLifetimeClosed);
  w.EndObject();
}

void Call(JsonWriter& w, const model::fakedb::DriverCall& c) {
  const int64_t epoch = sim::Instant::Epoch().nanoseconds();
  w.BeginObject();
  w.Key("kind").String(model::fakedb::CallKindName(c.kind));
  w.Key("conn").Uint(c.conn);
  w.Key("object").Uint(c.object);
  w.Key("detail").String(c.detail);
  w.Key("status").String(c.finished ? model::fakedb::ShortStatus(c.status) : "(running)");
  w.Key("fault_rule").Int(c.fault_rule);
  w.Key("start_ns").Int(c.start.nanoseconds() - epoch);
  w.Key("end_ns").Int(c.finished ? c.end.nanoseconds() - epoch : -1);
  w.EndObject();
}

absl::Status CheckOpsExportable(const std::vector<scenarios::Op>& ops, const std::string& where) {
  for (size_t i = 0; i < ops.size(); ++i) {
    const scenarios::Op& op = ops[i];
    const std::string at = absl::StrCat(where, " op ", i, " (", op.Show(), ")");
    if (OpKindName(op.kind).empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat(at, ": the differential test's Go program cannot run this op yet"));
    }
    if (op.pause > sim::Duration::Zero() || op.leave_open) {
      return absl::FailedPreconditionError(absl::StrCat(
          at, ": pause and left-open ops are not in the differential test's format yet"));
    }
    absl::Status inner = CheckOpsExportable(op.inner, at);
    if (!inner.ok()) return inner;
  }
  return absl::OkStatus();
}

absl::Status CheckOps(const std::vector<scenarios::Op>& ops, const std::string& where) {
  for (size_t i = 0; i < ops.size(); ++i) {
    const scenarios::Op& op = ops[i];
    const std::string at = absl::StrCat(where, " op ", i, " (", op.Show(), ")");
    if (op.timeout > sim::Duration::Zero() || op.cancel_after > sim::Duration::Zero()) {
      return absl::FailedPreconditionError(
          absl::StrCat(at, " has a timeout or cancellation: real Go's contexts run on the "
                           "wall clock, so the two runs would not compare"));
    }
    absl::Status inner = CheckOps(op.inner, at);
    if (!inner.ok()) return inner;
  }
  return absl::OkStatus();
}

}  // namespace

std::string WorkloadJson(const scenarios::Workload& workload, const std::string& name) {
  JsonWriter w;
  w.BeginObject();
  w.Key("format").String(kWorkloadFormat);
  w.Key("name").String(name);
  w.Key("pool");
  Pool(w, workload.pool);
  w.Key("driver");
  Driver(w, workload.driver);
  w.Key("clients").BeginArray();
  for (const scenarios::Client& c : workload.clients) {
    w.BeginObject();
    w.Key("start_delay_ns").Int(c.start_delay.nanoseconds());
    w.Key("ops").BeginArray();
    for (const scenarios::Op& op : c.ops) OpJson(w, op);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("close_db_at_end").Bool(workload.close_db_at_end);
  w.EndObject();
  return w.text();
}

absl::Status CheckExportable(const scenarios::Workload& workload) {
  for (size_t c = 0; c < workload.clients.size(); ++c) {
    absl::Status s = CheckOpsExportable(workload.clients[c].ops, absl::StrCat("client ", c));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status CheckSequentiallyComparable(const scenarios::Workload& workload) {
  const model::fakedb::FakeDriverOptions& d = workload.driver;
  if (d.latency_jitter > sim::Duration::Zero()) {
    return absl::FailedPreconditionError(
        "the driver's latency jitter is chosen by the C++ strategy; real Go cannot follow it");
  }
  if (d.faults.chosen.active()) {
    return absl::FailedPreconditionError(
        "chosen faults are the C++ strategy's choices; real Go cannot follow them");
  }
  for (const model::fakedb::FaultRule& r : d.faults.rules) {
    if (r.action == FaultAction::kBlockUntilDone) {
      return absl::FailedPreconditionError(
          absl::StrCat("fault rule '", r.ToString(), "' blocks until a context is done"));
    }
  }
  for (size_t c = 0; c < workload.clients.size(); ++c) {
    absl::Status s = CheckOps(workload.clients[c].ops, absl::StrCat("client ", c));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

std::string OutcomeJson(const RunOutcome& outcome) {
  JsonWriter w;
  w.BeginObject();
  w.Key("format").String(kOutcomeFormat);
  w.Key("calls").BeginArray();
  for (const model::fakedb::DriverCall& c : outcome.calls) Call(w, c);
  w.EndArray();
  w.Key("ops").BeginArray();
  for (const OpOutcome& op : outcome.ops) {
    w.BeginObject();
    w.Key("client").Uint(op.client);
    w.Key("op").Uint(op.op);
    w.Key("label").String(op.label);
    w.Key("error").String(op.error);
    w.EndObject();
  }
  w.EndArray();
  w.Key("stats_before_close");
  Stats(w, outcome.stats_before_close);
  w.Key("stats");
  Stats(w, outcome.stats);
  w.Key("run_failure").String(outcome.run_failure);
  w.EndObject();
  return w.text();
}

}  // namespace cli

namespace cli {

std::string CaseJson(const scenarios::Workload& workload, const std::string& name,
                     const RunOutcome* cpp) {
  // The parts are complete JSON documents; JsonWriter has no raw-value call, so join them.
  std::string text = absl::StrCat("{\"format\":", JsonQuote(kCaseFormat),
                                  ",\"workload\":", WorkloadJson(workload, name));
  if (cpp != nullptr) absl::StrAppend(&text, ",\"cpp\":", OutcomeJson(*cpp));
  return absl::StrCat(text, "}");
}

}  // namespace cli
