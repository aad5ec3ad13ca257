// Test helper for DPOR tests: runs a program to exhaustion under DPOR or plain DFS, and
// names each run's Mazurkiewicz trace (its class of runs equal up to swapping adjacent
// commuting steps), so a test can count the classes plain DFS sees and check that DPOR
// covers every one of them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "sim/access.h"
#include "sim/run.h"
#include "sim/strategies/dfs.h"
#include "sim/strategies/dpor.h"

namespace sim::testing {

// Builds the name of a run's trace from its steps: per object, the order of the steps
// that touched it (consecutive commuting accesses as a set), plus the data choices each step made.
// Steps are named by (process, how many steps the process made before).
class TraceNamer {
 public:
  void Clear() {
    per_object_.clear();
    per_step_data_.clear();
    steps_of_.clear();
  }
  void AddStep(ProcessId p, const StepRecord& record, const std::vector<uint64_t>& data) {
    const std::string step = absl::StrCat(p, ".", steps_of_[p]++);
    std::set<uint32_t> seen;
    for (const Access& a : record.accesses) {
      if (a.kind == AccessKind::kNone || !seen.insert(a.object).second) continue;
      uint8_t klass = CommuteClass(a.kind);
      for (const Access& b : record.accesses) {
        if (b.object == a.object && CommuteClass(b.kind) != klass) klass = 0;
      }
      std::vector<std::string>& order = per_object_[a.object];
      const char tag = static_cast<char>('0' + klass);
      if (klass != 0 && !order.empty() && order.back().front() == tag) {
        order.back() += "," + step;  // commutes with the group just before it
      } else {
        order.push_back(tag + step);
      }
    }
    if (!data.empty()) per_step_data_[step] = data;
  }
  // Objects are named by the steps of their first group (ids depend on the order objects
  // were first touched, which differs between runs of one trace).
  std::string Name() const {
    std::vector<std::string> entries;
    for (const auto& [object, order] : per_object_) {
      std::string entry;
      for (const std::string& group : order) {
        std::vector<std::string> parts = absl::StrSplit(group.substr(1), ',');
        std::sort(parts.begin(), parts.end());
        absl::StrAppend(&entry, group.substr(0, 1), absl::StrJoin(parts, ","), " ");
      }
      entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end());
    std::string out = absl::StrJoin(entries, "|");
    for (const auto& [step, data] : per_step_data_) {
      absl::StrAppend(&out, ";", step, "=", absl::StrJoin(data, ","));
    }
    return out;
  }

 private:
  std::map<uint32_t, std::vector<std::string>> per_object_;
  std::map<std::string, std::vector<uint64_t>> per_step_data_;
  std::map<ProcessId, uint64_t> steps_of_;
};

// Wraps a strategy to name every run's trace (the wrapped strategy chooses).
class NamingStrategy : public Strategy, public AccessListener {
 public:
  explicit NamingStrategy(Strategy& inner) : inner_(inner) {
    inner_listener_ = dynamic_cast<AccessListener*>(&inner);
  }
  bool StartRun(const RunStart& run) override {
    if (running_) CloseStep();
    running_ = inner_.StartRun(run);
    namer_.Clear();
    open_ = false;
    return running_;
  }
  size_t PickNext(const SchedulePoint& point) override {
    CloseStep();
    const size_t pick = inner_.PickNext(point);
    if (pick < point.candidates.size()) {
      open_ = true;
      process_ = ProcessOf(point.candidates[pick]);
    }
    return pick;
  }
  uint64_t PickNumber(uint64_t bound, ChoiceKind kind) override {
    const uint64_t v = inner_.PickNumber(bound, kind);
    data_.push_back(v);
    return v;
  }
  std::string Describe() const override { return inner_.Describe(); }
  std::optional<std::string> Divergence() const override { return inner_.Divergence(); }
  uint64_t LearnsFromRuns() const override { return inner_.LearnsFromRuns(); }
  bool TimeAdversary() const override { return inner_.TimeAdversary(); }
  StepRecord& step_record() override { return record_; }
  // The name of the last finished run's trace (call after the run, before StartRun).
  std::string FinishedName() {
    CloseStep();
    return namer_.Name();
  }

 private:
  void CloseStep() {
    if (open_) namer_.AddStep(process_, record_, data_);
    if (inner_listener_ != nullptr) {
      StepRecord& inner = inner_listener_->step_record();
      inner.accesses.insert(inner.accesses.end(), record_.accesses.begin(), record_.accesses.end());
      inner.enabled.insert(inner.enabled.end(), record_.enabled.begin(), record_.enabled.end());
      inner.clock_advanced_after = inner.clock_advanced_after || record_.clock_advanced_after;
    }
    open_ = false;
    record_.Clear();
    data_.clear();
  }

  Strategy& inner_;
  AccessListener* inner_listener_ = nullptr;
  StepRecord record_;
  TraceNamer namer_;
  bool running_ = false;
  bool open_ = false;
  ProcessId process_ = 0;
  std::vector<uint64_t> data_;
};

struct Exhaustion {
  uint64_t executions = 0;          // runs made
  std::set<std::string> traces;     // the distinct traces they ran
  std::set<std::string> failures;   // failure ids seen
  bool exhausted = false;
};

// Runs `main` under `strategy` until the strategy is exhausted (or `budget` runs).
inline Exhaustion ExhaustNamed(Strategy& strategy, const std::function<void()>& main,
                               uint64_t budget = 200000) {
  NamingStrategy naming(strategy);
  Exhaustion out;
  for (uint64_t run = 0; run < budget; ++run) {
    RunResult r = RunProgram(naming, RunStart(run, run), {}, main);
    if (r.exhausted) {
      out.exhausted = true;
      break;
    }
    ++out.executions;
    out.traces.insert(naming.FinishedName());
    if (r.failed()) out.failures.insert(r.failure.Name());
  }
  return out;
}

}  // namespace sim::testing
