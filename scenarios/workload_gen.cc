// The workload generator; see workload_gen.h. Each draw names what it chooses; weights
// favour what makes callers contend (a small maxOpen, several clients, conns held across a
// sleep), because the bugs of a pool live where callers wait for conns.
#include "scenarios/workload_gen.h"

#include <utility>

#include "model/fakedb/fault_plan.h"
#include "scenarios/ops.h"
#include "sim/check.h"
#include "sim/strategies/clock_advance.h"
#include "sim/strategies/prng.h"
#include "sim/sweep.h"

namespace scenarios {
namespace {

using model::fakedb::CallKind;
using sim::Duration;

constexpr FaultTarget kFaultTargets[] = {
    {"Open", CallKind::kOpen},
    {"Prepare", CallKind::kPrepare},
    {"Exec", {CallKind::kExec, CallKind::kStmtExec}},
    {"Query", {CallKind::kQuery, CallKind::kStmtQuery}},
    {"Rows.Next", CallKind::kRowsNext},
    {"Rows.Close", CallKind::kRowsClose},
    {"Stmt.Close", CallKind::kStmtClose},
    {"Begin", CallKind::kBegin},
    {"Commit", CallKind::kCommit},
    {"Rollback", CallKind::kRollback},
    {"ResetSession", CallKind::kResetSession},
    {"validator", CallKind::kValidConnection},
    {"Conn.Close", CallKind::kClose},
    {"Ping", CallKind::kPing},
};

// A weighted choice: (weight, value) rows.
template <typename T>
struct Row {
  int weight;
  T value;
};

class Draw {
 public:
  explicit Draw(uint64_t seed) : prng_(seed) {}

  template <typename T>
  T From(std::initializer_list<Row<T>> rows) {
    int total = 0;
    for (const Row<T>& r : rows) total += r.weight;
    POOLCHECK_CHECK(total > 0, "a weighted choice needs a positive total weight");
    int pick = static_cast<int>(prng_.Uniform(static_cast<uint64_t>(total)));
    for (const Row<T>& r : rows) {
      if (pick < r.weight) return r.value;
      pick -= r.weight;
    }
    return rows.begin()->value;
  }
  int Between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(prng_.Uniform(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Percent(int p) { return static_cast<int>(prng_.Uniform(100)) < p; }
  Duration Micros(std::initializer_list<Row<int>> rows) {
    return Duration::Microseconds(From<int>(rows));
  }

 private:
  sim::Prng prng_;
};

PoolConfig DrawPool(Draw& d, const GenOptions& options) {
  std::vector<model::sql::PoolVersion> versions = options.versions;
  if (versions.empty()) versions = model::sql::AllPoolVersions();
  PoolConfig p;
  p.version = versions[static_cast<size_t>(d.Between(0, static_cast<int>(versions.size()) - 1))];
  p.mutation = options.mutation;
  p.max_open = d.From<int>({{5, 1}, {4, 2}, {2, 3}, {1, 0}});
  p.max_idle = d.From<int>({{3, 2}, {2, 1}, {2, 0}, {1, 3}});
  p.max_lifetime = d.Micros({{5, 0}, {2, 5000}, {1, 20000}});
  p.max_idle_time = d.Micros({{6, 0}, {2, 3000}});
  p.resetter_capacity = d.From<int>({{2, 1}, {1, 2}, {2, 50}});
  return p;
}

model::fakedb::FaultRule DrawFault(Draw& d) {
  const FaultTarget& target =
      kFaultTargets[static_cast<size_t>(d.Between(0, std::size(kFaultTargets) - 1))];
  const uint64_t nth = static_cast<uint64_t>(d.From<int>({{4, 1}, {3, 2}, {2, 3}, {1, 5}}));
  const auto action = d.From<model::fakedb::FaultAction>(
      {{3, model::fakedb::FaultAction::kBadConn}, {2, model::fakedb::FaultAction::kError}});
  model::fakedb::FaultRule rule = d.Percent(20) ? model::fakedb::FaultRule::FromNth(target.calls, nth)
                                                : model::fakedb::FaultRule::Nth(target.calls, nth);
  return rule.Returns(action);
}

model::fakedb::FakeDriverOptions DrawDriver(Draw& d) {
  model::fakedb::FakeDriverOptions o;
  o.guards = false;  // the invariants judge misuse, not the driver's own guards
  o.call_latency = d.Micros({{1, 0}, {1, 1000}});
  o.latency_jitter = d.Micros({{2, 0}, {1, 1000}});
  o.session_resetter = d.Percent(70);
  o.connection_validator = d.Percent(50);
  const int rules = d.From<int>({{2, 0}, {3, 1}, {3, 2}, {2, 3}});
  for (int i = 0; i < rules; ++i) o.faults.Add(DrawFault(d));
  if (d.Percent(25)) {
    o.faults.Choose({CallKind::kExec, CallKind::kQuery, CallKind::kResetSession,
                     CallKind::kPrepare, CallKind::kBegin},
                    static_cast<uint64_t>(d.Between(1, 2)));
  }
  return o;
}

// Timeout, cancellation and how long the op holds what it opened.
Op WithContext(Draw& d, Op op, bool deadline_every_op) {
  op.timeout = d.Micros({{5, 0}, {2, 20000}, {1, 2000}, {1, 500}});
  if (deadline_every_op && op.timeout.IsZero()) op.timeout = Duration::Milliseconds(50);
  op.cancel_after = d.Micros({{6, 0}, {1, 3000}, {1, 1000}, {1, 300}});
  if (op.kind != OpKind::kExec && op.kind != OpKind::kPing) {
    op.duration = d.Micros({{3, 0}, {3, 1000}, {2, 2000}});
  }
  return op;
}

// A statement: what may run at top level, in a Tx or in a Conn. In a block (`nested`),
// rows and statements are sometimes left open past the block's end.
Op DrawStatement(Draw& d, bool nested) {
  namespace o = ops;
  const int kind = d.From<int>({{4, 0}, {3, 1}, {2, 2}, {2, 3}});
  Op op;
  switch (kind) {
    case 0: op = o::Exec(); break;
    case 1: op = o::Query("SELECT", d.From<int>({{1, -1}, {1, 0}, {1, 1}})); break;
    case 2: op = o::QueryRow(); break;
    default:
      op = o::Prepare("NOOP", d.Between(1, 3));
      op.pause = d.Micros({{1, 0}, {1, 1000}, {1, 2000}});
      break;
  }
  if (nested && (op.kind == OpKind::kQuery || op.kind == OpKind::kPrepare)) {
    op.leave_open = d.Percent(30);
  }
  return op;
}

std::vector<Op> DrawInner(Draw& d, bool in_conn, const GenOptions& options);

Op DrawTx(Draw& d, const GenOptions& options) {
  Op tx = ops::Tx(DrawInner(d, /*in_conn=*/false, options), d.Percent(40));
  return WithContext(d, std::move(tx), options.deadline_every_op);
}

// The ops of a Tx (statements, Tx.Stmt) or a Conn (statements, Ping, Raw, a nested Tx).
std::vector<Op> DrawInner(Draw& d, bool in_conn, const GenOptions& options) {
  std::vector<Op> inner;
  const int n = d.Between(0, 3);
  for (int i = 0; i < n; ++i) {
    const int pick = d.From<int>({{6, 0}, {1, 1}, {1, 2}, {1, 3}});
    Op op;
    if (pick == 0) {
      op = DrawStatement(d, /*nested=*/true);
    } else if (!in_conn) {
      op = ops::TxStmt("NOOP", d.Between(1, 2));
    } else if (pick == 1) {
      op = ops::Ping();
    } else if (pick == 2) {
      op = ops::Raw(d.Micros({{1, 0}, {1, 1000}}));
    } else {
      inner.push_back(DrawTx(d, options));
      continue;
    }
    inner.push_back(WithContext(d, std::move(op), false));
  }
  return inner;
}

Op DrawSetting(Draw& d) {
  switch (d.Between(0, 3)) {
    case 0: return ops::SetMaxOpenConns(d.From<int>({{3, 1}, {2, 2}, {1, 0}, {1, 3}}));
    case 1: return ops::SetMaxIdleConns(d.Between(0, 2));
    case 2: return ops::SetConnMaxLifetime(d.Micros({{2, 1000}, {1, 5000}, {1, 0}}));
    default: return ops::SetConnMaxIdleTime(d.Micros({{2, 1000}, {1, 5000}, {1, 0}}));
  }
}

Op DrawTopLevel(Draw& d, const GenOptions& options) {
  const bool dl = options.deadline_every_op;
  switch (d.From<int>({{9, 0}, {1, 1}, {3, 2}, {3, 3}, {2, 4}, {1, 5}})) {
    case 0: return WithContext(d, DrawStatement(d, false), dl);
    case 1: return WithContext(d, ops::Ping(), dl);
    case 2: return DrawTx(d, options);
    case 3: return WithContext(d, ops::Conn(DrawInner(d, true, options)), dl);
    case 4: return DrawSetting(d);
    default: return ops::Sleep(d.Micros({{1, 1000}, {1, 5000}}));
  }
}

}  // namespace

std::span<const FaultTarget> FaultTargets() { return kFaultTargets; }

Workload Generate(uint64_t seed, const GenOptions& options) {
  Draw d(sim::SplitMix64Mix(seed ^ 0x67656e6572617465ULL));  // "generate"
  Workload w;
  w.pool = DrawPool(d, options);
  w.driver = DrawDriver(d);
  const int clients = d.From<int>({{1, 1}, {2, 2}, {4, 3}, {3, 4}, {1, 5}});
  for (int c = 0; c < clients; ++c) {
    Client client;
    client.start_delay = d.Micros({{3, 0}, {1, 1000}});
    const int n = d.Between(1, 4);
    for (int i = 0; i < n; ++i) client.ops.push_back(DrawTopLevel(d, options));
    w.clients.push_back(std::move(client));
  }
  // DB.Close while the others are in flight: a client's last op, after a short sleep.
  if (clients > 1 && d.Percent(12)) {
    Client& closer = w.clients[static_cast<size_t>(d.Between(0, clients - 1))];
    closer.ops.push_back(ops::Sleep(d.Micros({{1, 0}, {1, 500}, {1, 2000}})));
    closer.ops.push_back(ops::CloseDB());
  }
  return w;
}

constexpr uint64_t kAdvancePpm = sim::ClockAdvanceOdds::kMillion / 10;

std::string GenerateStrategy(uint64_t seed) {
  Draw d(sim::SplitMix64Mix(seed ^ 0x7363686564756c65ULL));  // "schedule"
  const std::span<const std::string_view> sweep = sim::DefaultSweepStrategies();
  const int pick = d.Between(0, static_cast<int>(sweep.size()));
  std::string spec = pick == 0 ? "pct:depth=1" : std::string(sweep[static_cast<size_t>(pick - 1)]);
  // A quarter of the cases also play time as an adversary: at a step where goroutines can
  // run, the clock may jump to the next timer (1 in 10), so deadlines land mid-operation.
  if (d.Percent(25)) spec = sim::ClockAdvanceOdds(kAdvancePpm).AddTo(spec);
  return spec;
}

}  // namespace scenarios
