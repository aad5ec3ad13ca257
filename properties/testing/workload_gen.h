// RapidCheck generators for the generic property: pool configurations, fake-driver
// behaviour with fault plans, client workloads (goroutines x op sequences, with timeouts
// and cancellation) and the schedule (strategy + seed), all in one value so that
// shrinking reduces the workload and the interleaving together. Every choice list is
// ordered simplest first, because RapidCheck shrinks towards the first element.
// Header-only (the library does not link RapidCheck).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "model/fakedb/fault_plan.h"
#include "rapidcheck.h"
#include "scenarios/ops.h"
#include "scenarios/workload.h"
#include "sim/sweep.h"

namespace properties::testing {

// The interleaving: a strategy and the seed of its run.
struct Schedule {
  int strategy = 0;   // index into ScheduleStrategies()
  uint32_t seed = 0;
};

// The strategies a schedule draws from: PCT without preemption points first (the simplest
// schedule, which shrinking moves towards), then the default sweep's (sim/sweep.h).
inline const std::vector<std::string>& ScheduleStrategies() {
  static const std::vector<std::string> kSpecs = [] {
    std::vector<std::string> specs = {"pct:depth=1"};
    for (std::string_view spec : sim::DefaultSweepStrategies()) specs.emplace_back(spec);
    return specs;
  }();
  return kSpecs;
}

// One generated case of the generic property.
struct PropertyCase {
  scenarios::Workload workload;
  Schedule schedule;
};

// The counterexample as a short program: the workload, then the schedule.
inline void showValue(const PropertyCase& c, std::ostream& os) {
  os << c.workload.Show() << "\nschedule: " << ScheduleStrategies()[c.schedule.strategy]
     << " seed " << c.schedule.seed;
}

// Knobs of the generators.
struct GenOptions {
  std::vector<int> resetter_capacities = {1, 2, 50};  // async-reset resetterCh sizes
  // Every op that waits for a conn runs under a deadline (50ms if it drew none), so a
  // waiter the pool never serves ends with an error instead of hanging the run.
  bool deadline_every_op = false;
  // The pool every case runs on: the real one, or a mutant (mutant builds only).
  model::sql::Mutation mutation = model::sql::Mutation::kNone;
};

namespace gen {

inline rc::Gen<sim::Duration> Millis(std::vector<int> ms) {
  return rc::gen::map(rc::gen::elementOf(ms),
                      [](int m) { return sim::Duration::Milliseconds(m); });
}

// `resetter_capacities`: the async-reset resetterCh capacities to draw from; every config
// runs on `mutation`.
inline rc::Gen<scenarios::PoolConfig> Pool(model::sql::PoolVersion version,
                                           std::vector<int> resetter_capacities,
                                           model::sql::Mutation mutation) {
  return rc::gen::map(
      rc::gen::tuple(rc::gen::elementOf(std::vector<int>{0, 1, 2, 3}),
                     rc::gen::elementOf(std::vector<int>{2, 1, 0, 3}), Millis({0, 5, 20}),
                     rc::gen::elementOf(std::move(resetter_capacities))),
      [version, mutation](const auto& t) {
        scenarios::PoolConfig p;
        p.version = version;
        p.mutation = mutation;
        p.max_open = std::get<0>(t);
        p.max_idle = std::get<1>(t);
        p.max_lifetime = std::get<2>(t);
        p.resetter_capacity = std::get<3>(t);
        return p;
      });
}

inline rc::Gen<model::fakedb::FaultRule> Fault() {
  using model::fakedb::CallKind;
  return rc::gen::map(
      rc::gen::tuple(rc::gen::elementOf(std::vector<CallKind>{
                         CallKind::kExec, CallKind::kQuery, CallKind::kBegin, CallKind::kCommit,
                         CallKind::kRowsNext, CallKind::kPrepare, CallKind::kStmtExec,
                         CallKind::kPing, CallKind::kResetSession, CallKind::kOpen,
                         CallKind::kRollback}),
                     rc::gen::inRange<uint64_t>(1, 5),
                     rc::gen::elementOf(std::vector<model::fakedb::FaultAction>{
                         model::fakedb::FaultAction::kBadConn,
                         model::fakedb::FaultAction::kError})),
      [](const auto& t) {
        return model::fakedb::FaultRule::Nth(std::get<0>(t), std::get<1>(t))
            .Returns(std::get<2>(t));
      });
}

inline rc::Gen<model::fakedb::FakeDriverOptions> Driver() {
  return rc::gen::map(
      rc::gen::tuple(Millis({1, 0}), Millis({0, 1}),
                     rc::gen::elementOf(std::vector<bool>{true, false}),
                     rc::gen::elementOf(std::vector<bool>{true, false}),
                     rc::gen::resize(3, rc::gen::container<std::vector<model::fakedb::FaultRule>>(Fault())),
                     rc::gen::inRange<uint64_t>(0, 3)),
      [](const auto& t) {
        model::fakedb::FakeDriverOptions d;
        d.guards = false;  // the invariants judge misuse, not the driver's own guards
        d.call_latency = std::get<0>(t);
        d.latency_jitter = std::get<1>(t);
        d.session_resetter = std::get<2>(t);
        d.connection_validator = std::get<3>(t);
        for (const auto& rule : std::get<4>(t)) d.faults.Add(rule);
        if (std::get<5>(t) > 0) {
          d.faults.Choose({model::fakedb::CallKind::kExec, model::fakedb::CallKind::kQuery,
                           model::fakedb::CallKind::kResetSession},
                          std::get<5>(t));
        }
        return d;
      });
}

// A statement op: what may run at top level, in a Tx or in a Conn.
inline rc::Gen<scenarios::Op> Statement() {
  namespace o = scenarios::ops;
  return rc::gen::weightedOneOf<scenarios::Op>(
      {{4, rc::gen::just(o::Exec())},
       {2, rc::gen::map(rc::gen::elementOf(std::vector<int>{-1, 0, 1}),
                        [](int rows) { return o::Query("SELECT", rows); })},
       {2, rc::gen::just(o::QueryRow())},
       {1, rc::gen::map(rc::gen::inRange(1, 3), [](int n) { return o::Prepare("NOOP", n); })}});
}

// Timeout, cancellation and how long the op holds its rows/tx/conn/stmt open.
inline rc::Gen<scenarios::Op> WithContext(rc::Gen<scenarios::Op> op, bool deadline_every_op) {
  return rc::gen::map(rc::gen::tuple(op, Millis({0, 20, 2}), Millis({0, 3, 1}), Millis({0, 1})),
                      [deadline_every_op](const auto& t) {
                        scenarios::Op o = std::get<0>(t);
                        o.timeout = std::get<1>(t);
                        if (deadline_every_op && o.timeout.IsZero()) {
                          o.timeout = sim::Duration::Milliseconds(50);
                        }
                        o.cancel_after = std::get<2>(t);
                        if (o.kind != scenarios::OpKind::kExec) o.duration = std::get<3>(t);
                        return o;
                      });
}

inline rc::Gen<std::vector<scenarios::Op>> Inner(rc::Gen<scenarios::Op> op) {
  return rc::gen::resize(3, rc::gen::container<std::vector<scenarios::Op>>(op));
}

inline rc::Gen<scenarios::Op> TopLevelOp(const GenOptions& opt) {
  namespace o = scenarios::ops;
  const bool d = opt.deadline_every_op;
  return rc::gen::weightedOneOf<scenarios::Op>(
      {{8, WithContext(Statement(), d)},
       {1, WithContext(rc::gen::just(o::Ping()), d)},
       {3, WithContext(rc::gen::map(rc::gen::tuple(Inner(Statement()), rc::gen::arbitrary<bool>()),
                                    [](const auto& t) {
                                      return o::Tx(std::get<0>(t), std::get<1>(t));
                                    }),
                       d)},
       {1, WithContext(rc::gen::map(Inner(rc::gen::oneOf(Statement(), rc::gen::just(o::Ping()))),
                                    [](std::vector<scenarios::Op> inner) {
                                      return o::Conn(std::move(inner));
                                    }),
                       d)},
       {1, rc::gen::map(rc::gen::inRange(0, 4), [](int n) { return o::SetMaxOpenConns(n); })},
       {1, rc::gen::map(rc::gen::inRange(0, 3), [](int n) { return o::SetMaxIdleConns(n); })},
       {1, rc::gen::map(Millis({1, 5}), [](sim::Duration d) { return o::Sleep(d); })},
       {1, rc::gen::just(o::CloseDB())}});
}

inline rc::Gen<scenarios::Client> ClientGen(const GenOptions& opt) {
  return rc::gen::map(
      rc::gen::tuple(Millis({0, 1}),
                     rc::gen::resize(4, rc::gen::nonEmpty(
                                            rc::gen::container<std::vector<scenarios::Op>>(
                                                TopLevelOp(opt))))),
      [](const auto& t) {
        scenarios::Client c;
        c.start_delay = std::get<0>(t);
        c.ops = std::get<1>(t);
        return c;
      });
}

inline rc::Gen<scenarios::Workload> Workload(model::sql::PoolVersion version,
                                             const GenOptions& opt) {
  return rc::gen::map(
      rc::gen::tuple(Pool(version, opt.resetter_capacities, opt.mutation), Driver(),
                     rc::gen::resize(4, rc::gen::nonEmpty(
                                            rc::gen::container<std::vector<scenarios::Client>>(
                                                ClientGen(opt))))),
      [](const auto& t) {
        scenarios::Workload w;
        w.pool = std::get<0>(t);
        w.driver = std::get<1>(t);
        w.clients = std::get<2>(t);
        return w;
      });
}

inline rc::Gen<Schedule> ScheduleGen() {
  return rc::gen::map(
      rc::gen::tuple(rc::gen::inRange<int>(0, static_cast<int>(ScheduleStrategies().size())),
                     rc::gen::arbitrary<uint32_t>()),
      [](const auto& t) { return Schedule{std::get<0>(t), std::get<1>(t)}; });
}

inline rc::Gen<PropertyCase> Case(model::sql::PoolVersion version, const GenOptions& opt = {}) {
  return rc::gen::map(rc::gen::tuple(Workload(version, opt), ScheduleGen()),
                      [](const auto& t) {
    return PropertyCase{std::get<0>(t), std::get<1>(t)};
  });
}

}  // namespace gen
}  // namespace properties::testing
