// differential_cases: writes the cases of the differential test (issue 11 §2) for the Go
// program confirm/differential/, one JSON line each (cli/export_json.h): generated
// workloads (scenarios/workload_gen.h, seeded, so the same seed gives the same cases),
// made comparable (no timeouts or cancellation, no latency jitter, no chosen faults, only
// the ops and fault targets confirm/differential/ interprets), each run on the C++ pool with clients one after another (cli/export_run.h).
//   single:   the generated clients' ops joined into one client
//   in-turn:  two or more generated clients, each run to completion before the next
//   scenario: catalog scenarios (default parameters) that need no timeouts
// Every case is run under two seeds; if the C++ outcome differs, the case is not
// schedule-free after all and the tool fails (exit 1), as the comparison would be
// meaningless. Usage: differential_cases POOL SINGLE IN_TURN SEED OUT_FILE
#include <cstdint>
#include <cstdlib>
#include <random>
#include <fstream>
#include <iostream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "cli/export_json.h"
#include "cli/export_run.h"
#include "explore/target.h"
#include "scenarios/workload_gen.h"
#include "scenarios/ops.h"
#include "scenarios/scenario.h"

namespace {

// Takes out contexts and what the Go interpreter does not run (Raw, Tx.Stmt, lifetime and
// idle-time settings, rows or stmts left open, pauses in a prepared statement's use).
void StripContexts(std::vector<scenarios::Op>& ops) {
  using scenarios::OpKind;
  std::erase_if(ops, [](const scenarios::Op& op) {
    return op.kind == OpKind::kRaw || op.kind == OpKind::kTxStmt ||
           op.kind == OpKind::kSetConnMaxLifetime || op.kind == OpKind::kSetConnMaxIdleTime;
  });
  for (scenarios::Op& op : ops) {
    op.timeout = sim::Duration::Zero();
    op.cancel_after = sim::Duration::Zero();
    op.pause = sim::Duration::Zero();
    op.leave_open = false;
    StripContexts(op.inner);
  }
}

// Keeps the fault rules on calls the comparison has always covered.
void KeepComparableFaults(model::fakedb::FakeDriverOptions& driver) {
  using model::fakedb::CallKind;
  const model::fakedb::CallKindSet comparable = {
      CallKind::kExec,     CallKind::kQuery,    CallKind::kBegin, CallKind::kCommit,
      CallKind::kRowsNext, CallKind::kPrepare,  CallKind::kStmtExec, CallKind::kPing,
      CallKind::kResetSession, CallKind::kOpen, CallKind::kRollback};
  std::erase_if(driver.faults.rules, [&](const model::fakedb::FaultRule& rule) {
    for (int k = 0; k < model::fakedb::kCallKindCount; ++k) {
      const auto kind = static_cast<CallKind>(k);
      if (rule.calls.Contains(kind) && !comparable.Contains(kind)) return true;
    }
    return false;
  });
}

// The query of a statement op, varied: rows written and deleted (ids 1..3, so inserts
// collide), single-row selects and, rarely, a query the fake driver rejects.
void VaryQueries(std::vector<scenarios::Op>& ops, std::mt19937_64& rng) {
  for (scenarios::Op& op : ops) {
    VaryQueries(op.inner, rng);
    const uint64_t roll = rng() % 20;
    const std::string id = std::to_string(1 + rng() % 3);
    if (op.kind == scenarios::OpKind::kExec || op.kind == scenarios::OpKind::kPrepare) {
      if (roll < 5) op.query = "INSERT|" + id + "|n" + id;
      else if (roll < 8) op.query = "DELETE|" + id;
      else if (roll == 8) op.query = "BOGUS|" + id;
    } else if (op.kind == scenarios::OpKind::kQuery || op.kind == scenarios::OpKind::kQueryRow) {
      if (roll < 6) op.query = "SELECT|" + id;
      else if (roll < 9) op.query = "SELECT";
      else if (roll == 9) op.query = "NOOP";  // an exec used as a query
    }
  }
}

// Settings the property generator does not vary, drawn from `seed`.
void Vary(scenarios::Workload& w, uint64_t seed) {
  std::mt19937_64 rng(seed);
  static constexpr int kIdleTimeMs[] = {0, 0, 2, 7};
  w.pool.max_idle_time = sim::Duration::Milliseconds(kIdleTimeMs[rng() % 4]);
  w.driver.execer_returns_skip = rng() % 4 == 0;
  if (rng() % 8 == 0) {
    w.driver.faults.Add(model::fakedb::FaultRule::Nth(model::fakedb::CallKind::kExec, 1 + rng() % 3)
                            .Delays(sim::Duration::Milliseconds(3)));
  }
  for (scenarios::Client& c : w.clients) {
    VaryQueries(c.ops, rng);
    // Most CloseDB ops go: every op after one only sees "sql: database is closed".
    std::erase_if(c.ops, [&rng](const scenarios::Op& op) {
      return op.kind == scenarios::OpKind::kCloseDB && rng() % 4 != 0;
    });
  }
  std::erase_if(w.clients, [](const scenarios::Client& c) { return c.ops.empty(); });
  if (w.clients.empty()) w.clients.push_back(scenarios::Client{.ops = {scenarios::ops::Exec()}});
}

// A generated workload with what real Go cannot follow taken out, varied.
scenarios::Workload Generated(model::sql::PoolVersion pool, uint64_t seed) {
  scenarios::GenOptions options;
  options.versions = {pool};
  options.deadline_every_op = false;
  scenarios::Workload w = scenarios::Generate(seed, options);
  w.driver.latency_jitter = sim::Duration::Zero();
  w.driver.faults.chosen = {};
  KeepComparableFaults(w.driver);
  for (scenarios::Client& c : w.clients) StripContexts(c.ops);
  Vary(w, seed);
  return w;
}

scenarios::Workload OneClient(scenarios::Workload w) {
  scenarios::Client joined;
  joined.start_delay = w.clients.front().start_delay;
  for (const scenarios::Client& c : w.clients) {
    joined.ops.insert(joined.ops.end(), c.ops.begin(), c.ops.end());
  }
  w.clients = {joined};
  return w;
}

// Writes the case; false (with a message) if the C++ outcome depends on the seed.
bool WriteCase(std::ostream& out, const scenarios::Workload& w, const std::string& name) {
  absl::StatusOr<cli::RunOutcome> first = cli::RunClientsInTurn(w, 1);
  absl::StatusOr<cli::RunOutcome> second = cli::RunClientsInTurn(w, 2);
  if (!first.ok() || !second.ok()) {
    std::cerr << "differential_cases: " << name << ": "
              << (first.ok() ? second.status() : first.status()) << "\n" << w.Show() << "\n";
    return false;
  }
  if (cli::OutcomeJson(*first) != cli::OutcomeJson(*second)) {
    std::cerr << "differential_cases: " << name << ": the C++ outcome depends on the "
              << "schedule seed, so the case is not schedule-free:\n" << w.Show() << "\n";
    return false;
  }
  out << cli::CaseJson(w, name, &*first) << "\n";
  return true;
}

// Catalog scenarios at default parameters that a clients-in-turn run can compare.
int WriteScenarios(std::ostream& out, model::sql::PoolVersion pool, bool* ok) {
  int written = 0;
  for (const scenarios::Scenario& s : scenarios::AllScenarios()) {
    explore::Target target;
    target.scenario = s.name;
    target.pool = pool;
    absl::StatusOr<scenarios::Params> params = scenarios::ResolveParams(s, {});
    if (!params.ok()) continue;
    target.params = *params;
    absl::StatusOr<explore::BuiltTarget> built = explore::BuildTarget(target);
    if (!built.ok() || !cli::CheckSequentiallyComparable(built->workload).ok()) continue;
    *ok = WriteCase(out, built->workload, absl::StrCat("scenario:", s.name)) && *ok;
    ++written;
  }
  return written;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t single = 0, in_turn = 0, seed = 0;
  if (argc != 6 || !absl::SimpleAtoi(argv[2], &single) || !absl::SimpleAtoi(argv[3], &in_turn) ||
      !absl::SimpleAtoi(argv[4], &seed)) {
    std::cerr << "usage: differential_cases POOL SINGLE IN_TURN SEED OUT_FILE\n";
    return 2;
  }
  absl::StatusOr<model::sql::PoolVersion> pool = model::sql::ParsePoolVersion(argv[1]);
  if (!pool.ok()) {
    std::cerr << "differential_cases: " << pool.status().message() << "\n";
    return 2;
  }
  std::ofstream out(argv[5]);
  bool ok = static_cast<bool>(out);
  uint64_t written_in_turn = 0;
  for (uint64_t i = 0; i < single && ok; ++i) {
    ok = WriteCase(out, OneClient(Generated(*pool, seed + i)), "single");
  }
  for (uint64_t i = 0; written_in_turn < in_turn && ok; ++i) {
    scenarios::Workload w = Generated(*pool, seed + single + i);
    if (w.clients.size() < 2) continue;
    ok = WriteCase(out, w, "in-turn");
    ++written_in_turn;
  }
  const int scenarios = WriteScenarios(out, *pool, &ok);
  out.close();
  if (!ok || !out) {
    std::cerr << "differential_cases: failed (see above) or could not write " << argv[5] << "\n";
    return 1;
  }
  std::cout << "differential_cases: " << single << " single-client, " << written_in_turn
            << " clients-in-turn, " << scenarios << " scenario cases on " << argv[1] << "\n";
  return 0;
}
