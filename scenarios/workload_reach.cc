// Reading a workload's reach; see workload_reach.h.
#include "scenarios/workload_reach.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "scenarios/workload_gen.h"
#include "sim/check.h"

namespace scenarios {
namespace {

// Where an op runs.
enum class On : uint8_t { kDb, kTx, kConn };

const char* OpFeature(OpKind kind) {
  switch (kind) {
    case OpKind::kExec: return "op Exec";
    case OpKind::kQuery: return "op Query";
    case OpKind::kQueryRow: return "op QueryRow";
    case OpKind::kPing: return "op Ping";
    case OpKind::kTx: return "op Tx";
    case OpKind::kConn: return "op Conn";
    case OpKind::kPrepare: return "op Prepare";
    case OpKind::kSetMaxOpenConns: return "set SetMaxOpenConns mid-run";
    case OpKind::kSetMaxIdleConns: return "set SetMaxIdleConns mid-run";
    case OpKind::kSleep: return "op Sleep";
    case OpKind::kCloseDB: return "DB.Close in flight";
    case OpKind::kSetConnMaxLifetime: return "set SetConnMaxLifetime mid-run";
    case OpKind::kSetConnMaxIdleTime: return "set SetConnMaxIdleTime mid-run";
    case OpKind::kRaw: return "op Conn.Raw";
    case OpKind::kTxStmt: return "op Tx.Stmt of a DB stmt";
  }
  return "?";
}

const char* StmtOn(On on) {
  switch (on) {
    case On::kDb: return "Stmt on DB";
    case On::kTx: return "Stmt on Tx";
    case On::kConn: return "Stmt on Conn";
  }
  return "?";
}

void ReachOps(const std::vector<Op>& ops, On on, std::set<std::string>& out) {
  for (const Op& op : ops) {
    out.insert(OpFeature(op.kind));
    if (op.kind == OpKind::kPrepare) out.insert(StmtOn(on));
    if (op.kind == OpKind::kPrepare && op.pause > sim::Duration::Zero()) {
      out.insert("Stmt paused between uses");
    }
    if (op.kind == OpKind::kQuery && (op.duration > sim::Duration::Zero() || op.leave_open)) {
      out.insert("Rows held open");
    }
    if (op.leave_open && op.kind == OpKind::kQuery && on == On::kTx) {
      out.insert("Tx ended with Rows open");
    }
    if (op.leave_open && op.kind == OpKind::kPrepare && on == On::kTx) {
      out.insert("Stmt used after Tx end");
    }
    if (op.leave_open && on == On::kConn) out.insert("used after Conn.Close");
    if (op.timeout > sim::Duration::Zero()) out.insert("ctx deadline");
    if (op.cancel_after > sim::Duration::Zero()) out.insert("ctx cancelled");
    if (op.kind == OpKind::kTx) ReachOps(op.inner, On::kTx, out);
    if (op.kind == OpKind::kConn) ReachOps(op.inner, On::kConn, out);
  }
}

void ReachFaults(const model::fakedb::FaultPlan& plan, std::set<std::string>& out) {
  for (const FaultTarget& target : FaultTargets()) {
    for (const model::fakedb::FaultRule& rule : plan.rules) {
      if (rule.action == model::fakedb::FaultAction::kDelay) continue;
      bool hits = false;
      for (int k = 0; k < model::fakedb::kCallKindCount; ++k) {
        const auto kind = static_cast<model::fakedb::CallKind>(k);
        hits = hits || (target.calls.Contains(kind) && rule.calls.Contains(kind));
      }
      if (hits) out.insert(absl::StrCat("fault ", target.name));
    }
  }
}

}  // namespace

const std::vector<std::string>& ReachFeatureNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (int k = 0; k <= static_cast<int>(OpKind::kTxStmt); ++k) {
      names.push_back(OpFeature(static_cast<OpKind>(k)));
    }
    for (const char* n : {"Stmt on DB", "Stmt on Tx", "Stmt on Conn", "Stmt paused between uses",
                          "Rows held open", "Tx ended with Rows open", "Stmt used after Tx end",
                          "used after Conn.Close", "ctx deadline", "ctx cancelled"}) {
      names.push_back(n);
    }
    for (const FaultTarget& target : FaultTargets()) {
      names.push_back(absl::StrCat("fault ", target.name));
    }
    return names;
  }();
  return kNames;
}

std::vector<std::string> ReachOf(const Workload& workload) {
  std::set<std::string> reached;
  for (const Client& client : workload.clients) ReachOps(client.ops, On::kDb, reached);
  // DB.Close counts as in flight only with another client to be in flight.
  if (workload.clients.size() < 2) reached.erase(OpFeature(OpKind::kCloseDB));
  ReachFaults(workload.driver.faults, reached);
  std::vector<std::string> in_order;
  for (const std::string& name : ReachFeatureNames()) {
    if (reached.erase(name) > 0) in_order.push_back(name);
  }
  POOLCHECK_CHECK(reached.empty(), "every reach feature is in ReachFeatureNames");
  return in_order;
}

void ReachTally::Add(const Workload& workload) {
  const std::vector<std::string>& names = ReachFeatureNames();
  counts_.resize(names.size());
  ++cases_;
  for (const std::string& f : ReachOf(workload)) {
    counts_[static_cast<size_t>(std::find(names.begin(), names.end(), f) - names.begin())]++;
  }
}

void ReachTally::AddMeasured(const std::string& name, uint64_t cases) {
  measured_.emplace_back(name, cases);
}

std::vector<std::pair<std::string, uint64_t>> ReachTally::Rows() const {
  std::vector<std::pair<std::string, uint64_t>> rows;
  const std::vector<std::string>& names = ReachFeatureNames();
  for (size_t i = 0; i < names.size(); ++i) {
    rows.emplace_back(names[i], i < counts_.size() ? counts_[i] : 0);
  }
  rows.insert(rows.end(), measured_.begin(), measured_.end());
  return rows;
}

uint64_t ReachTally::Count(const std::string& name) const {
  for (const auto& [n, c] : Rows()) {
    if (n == name) return c;
  }
  return 0;
}

double ReachTally::Share(const std::string& name) const {
  return cases_ == 0 ? 0.0 : static_cast<double>(Count(name)) / static_cast<double>(cases_);
}

}  // namespace scenarios
