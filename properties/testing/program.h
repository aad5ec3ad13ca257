// Test support for properties/: run a small hand-written pool program (a fake driver, a
// DB, a few client goroutines) under the Monitor, and sweep it over strategies and seeds.
// The invariant tests use it to show each checker failing on a broken pool and passing on
// the real one. Header-only, so it is not part of the library.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "model/fakedb/fake_driver.h"
#include "model/sql/db.h"
#include "properties/client_log.h"
#include "properties/monitor.h"
#include "sim/go.h"
#include "sim/run.h"
#include "sim/strategy_registry.h"

namespace properties::testing {

// What a client goroutine sees: the DB, and a way to record each operation it makes in
// the ClientLog (the history I6, I10 and I11 judge).
class ClientCtx {
 public:
  ClientCtx(std::shared_ptr<model::sql::DB> db, ClientLog& log, uint32_t client)
      : db_(std::move(db)), log_(log), client_(client) {}

  model::sql::DB& db() { return *db_; }
  // Runs `op` as client operation `label`, logging its start, end and status.
  absl::Status Op(std::string label, const std::function<absl::Status()>& op) {
    ClientOp entry;
    entry.client = client_;
    entry.op_index = next_op_++;
    entry.label = std::move(label);
    entry.goroutine = sim::CurrentGoroutine();
    entry.started = sim::Now();
    const size_t index = log_.Start(std::move(entry));
    absl::Status status = op();
    log_.Finish(index, status, sim::Now());
    return status;
  }

 private:
  std::shared_ptr<model::sql::DB> db_;
  ClientLog& log_;
  uint32_t client_;
  uint32_t next_op_ = 0;
};

using ClientBody = std::function<void(ClientCtx&)>;

struct Program {
  model::sql::DBOptions db;
  model::fakedb::FakeDriverOptions driver;
  int max_open = 0;
  int max_idle = 2;
  sim::Duration max_lifetime;
  std::vector<ClientBody> clients;
  bool close_db = true;
  // > 0: main stops waiting for the clients after this long (so a hung client ends the
  // run normally instead of as a deadlock).
  sim::Duration main_wait_limit;
  MonitorOptions monitor;
  uint64_t max_steps = 200'000;
  bool keep_driver_log = true;  // Outcome::driver_log (off when measuring speed)
};

struct Outcome {
  sim::RunResult result;
  MonitorCounters counters;
  std::vector<ClientOp> ops;
  std::string driver_log;  // every driver call, one a line
};

// Main: open the DB, attach the monitor, configure, start the clients, wait, close.
inline void RunMain(const Program& p, const std::shared_ptr<model::fakedb::FakeDriver>& driver,
                    Monitor& monitor, ClientLog& log) {
  auto db = model::sql::OpenDB(driver->NewConnector(), p.db);
  monitor.Attach(db);
  if (p.max_open != 0) db->SetMaxOpenConns(p.max_open);
  db->SetMaxIdleConns(p.max_idle);
  if (p.max_lifetime > sim::Duration::Zero()) db->SetConnMaxLifetime(p.max_lifetime);
  auto done = sim::Chan<sim::Unit>::Make(p.clients.size());
  for (size_t i = 0; i < p.clients.size(); ++i) {
    sim::Go(absl::StrCat("client", i), [db, &log, i, done, body = p.clients[i]] {
      ClientCtx ctx(db, log, static_cast<uint32_t>(i));
      body(ctx);
      done.Send(sim::Unit{});
    });
  }
  const sim::Chan<sim::Instant> limit =
      p.main_wait_limit > sim::Duration::Zero() ? sim::After(p.main_wait_limit)
                                                : sim::Chan<sim::Instant>();
  for (size_t i = 0; i < p.clients.size(); ++i) {
    sim::Select s;
    s.Recv(done);
    s.Recv(limit);
    if (s.Wait() == 1) break;
  }
  if (p.close_db) {
    (void)db->Close();
    sim::Sleep(sim::Duration::Seconds(60));  // lets the pool's background work finish
  }
}

// `index` is the run's index in its sweep (sim::RunStart); 0 for a lone run.
inline Outcome RunOnce(const Program& p, sim::Strategy& strategy, uint64_t seed,
                       uint64_t index = 0) {
  ClientLog log;
  auto driver = model::fakedb::FakeDriver::Create(p.driver);
  Monitor monitor(driver, log, p.monitor);
  sim::RunOptions options;
  options.max_steps = p.max_steps;
  Outcome out;
  out.result = sim::RunProgram(strategy, sim::RunStart(seed, index), options,
                               [&] { RunMain(p, driver, monitor, log); }, monitor.Hooks());
  out.counters = monitor.counters();
  out.ops = log.ops();
  if (!p.keep_driver_log) return out;
  for (const model::fakedb::DriverCall& call : driver->log().entries()) {
    absl::StrAppend(&out.driver_log, call.ToString(), "\n");
  }
  return out;
}

// Failures by id over a sweep, and the first failing run.
struct Sweep {
  uint64_t runs = 0;
  std::map<std::string, uint64_t> failures;  // printed failure id -> runs
  std::optional<Outcome> first_failure;
  std::string first_failure_where;  // "pct:depth=3 seed 7"

  uint64_t count(const std::string& id) const {
    auto it = failures.find(id);
    return it == failures.end() ? 0 : it->second;
  }
  // "I3 x12, deadlock x1" for test messages.
  std::string Summary() const {
    std::string out = absl::StrCat(runs, " runs:");
    for (const auto& [id, n] : failures) absl::StrAppend(&out, " ", id, " x", n);
    if (first_failure) {
      absl::StrAppend(&out, "\nfirst failure (", first_failure_where, "): ",
                      first_failure->result.failure.Name(), ": ", first_failure->result.message,
                      "\ndriver calls:\n", first_failure->driver_log);
    }
    return out;
  }
};

// Runs `p` `runs_each` times under each strategy spec, with seeds sim::RunSeed(1, i).
inline Sweep RunSweep(const Program& p, const std::vector<std::string>& strategies,
                      uint64_t runs_each) {
  Sweep sweep;
  for (const std::string& spec : strategies) {
    auto strategy = sim::MakeStrategy(spec);
    if (!strategy.ok()) {
      sweep.failures["bad strategy " + spec] += 1;
      continue;
    }
    for (uint64_t i = 0; i < runs_each; ++i) {
      const uint64_t seed = sim::RunSeed(1, i);
      Outcome o = RunOnce(p, **strategy, seed, i);
      ++sweep.runs;
      if (!o.result.failed()) continue;
      ++sweep.failures[o.result.failure.Name()];
      if (!sweep.first_failure) {
        sweep.first_failure_where = absl::StrCat(spec, " seed ", seed);
        sweep.first_failure = std::move(o);
      }
    }
  }
  return sweep;
}

inline const std::vector<std::string>& DefaultStrategies() {
  static const std::vector<std::string> kStrategies = {"random", "pct:depth=3", "pct:depth=2"};
  return kStrategies;
}

}  // namespace properties::testing
