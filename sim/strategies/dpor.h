// Dynamic partial-order reduction: source-set DPOR with sleep sets (Abdulla, Aronis,
// Jonsson, Sagonas, "Optimal dynamic partial order reduction", POPL 2014, Algorithm 1) over
// the choice stream. Like DfsStrategy it walks the choice tree run by run, replaying a
// prefix and branching at its end, but at a scheduling decision it explores only the
// processes (goroutines, due timers) that some race asks for: after each run it finds the
// races of the run's new steps (dpor_trace.h) and, for each, adds to the decision before
// the first event an initial of the execution that reverses the race. Sleep sets skip a
// process whose step commutes with everything explored since it was explored.
//
// Soundness assumption: simulated code shares memory only through sim primitives or state
// it declares with sim::NoteSharedAccess (sim/access.h); then every Mazurkiewicz trace of
// the program (every class of runs equal up to swapping adjacent commuting steps) is run
// at least once. This holds for Go's data-race-free pool; the fake driver declares its
// shared state. Properties of single states between steps are checked on the states the
// explored runs pass through; end-of-run properties and deadlocks are preserved.
//
// Mutexes: a goroutine whose next step is a sync.Mutex Lock of a held mutex is treated as
// disabled (Abdulla et al., JACM 2017, locks): such a step would only queue it, and
// delaying it until the mutex is free loses no behaviour, because in the delayed run it
// acquires the mutex exactly when it would have after being woken, and nothing else
// observes the queue (barging already lets any goroutine win a freed mutex). Only when
// every candidate is such a Lock (the holders wait for something else: time, or a
// deadlock) does DPOR let one queue, as the program then must. Races between
// acquisitions are computed as dpor_trace.h says.
//
// WaitGroup.Wait is treated the same way: while the counter is above zero it would only
// queue its goroutine, which the Done that brings the counter to zero wakes, and nothing
// observes the waiter list; delaying the Wait until the counter is zero reaches the same
// states, the waiter returning exactly when it would have run after that wake. (A waiter
// woken at zero returns even if an Add raises the counter before it runs; Go panics on
// such reuse, "WaitGroup is reused before previous Wait has returned", so the delayed
// model only drops runs Go would panic in.) This removes the orders of the workload
// runner's main Wait against each client's Done, which no invariant can observe.
//
// A select without default is treated the same way while no case is ready and each case's
// channel is buffered or receive-only (the probe in sim/select.cc says why such a waiter is
// invisible: a value sent meanwhile waits in the buffer for it). It then races as any
// step with the accesses of its channels: with the send or close that made it ready too,
// but that race cannot be reversed (below).
//
// Irreversible races: for a race (i, j) where j's goroutine has no step between i and j
// and, at i's decision, that step would only queue it (a disabled Lock, Wait or select),
// j is disabled in every execution from i's decision that begins with notdep(i).j (it is
// an initial, so nothing there that it depends on runs before it), so the race adds no
// backtrack point (source-DPOR's races are those whose reversal is feasible). The extra
// backtrack points of a bounded search keep the conservative fallback.
//
// Data choices (ready select case, fault, map order, jitter) are full branch points: every
// value is explored. Virtual time: the clock advances only when every goroutine is blocked,
// so an advance orders every earlier step before every later one.
//
// Time as an adversary (`advances=A`, A > 0): wherever the scheduler offers a clock
// advance, it is added to the decision's backtrack set, like a data choice whose every
// value is explored, up to A advances per run; its step writes the clock, which every
// step that reads the time reads (sim::Now, arming a timer, a deadline). Taking it counts
// as a preemption.
//
// With a preemption bound (as in dfs) a run takes at most P preemptions; sleep sets are
// then off and each backtrack point is also added where the preempted run of steps began
// (Coons, Musuvathi, McKinley, "Bounded partial-order reduction", OOPSLA 2013), so every
// trace reachable within the bound is covered.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sim/access.h"
#include "sim/strategies/dpor_trace.h"
#include "sim/strategies/params.h"
#include "sim/strategy.h"

namespace sim {

class DporStrategy : public Strategy, public AccessListener {
 public:
  static constexpr uint64_t kUnbounded = std::numeric_limits<uint64_t>::max();
  static constexpr const char* kParamsDoc =
      "preemptions=P (at most P preemptions per run; default unbounded), advances=A "
      "(explore clock advances to the next timer, at most A per run; default 0)";
  static absl::StatusOr<std::unique_ptr<Strategy>> Make(ParamReader& params);

  explicit DporStrategy(uint64_t preemption_bound = kUnbounded, uint64_t advance_bound = 0)
      : preemption_bound_(preemption_bound), advance_bound_(advance_bound) {}

  bool StartRun(const RunStart& run) override;
  size_t PickNext(const SchedulePoint& point) override;
  uint64_t PickNumber(uint64_t bound, ChoiceKind kind) override;
  std::string Describe() const override;
  std::optional<std::string> Divergence() const override { return divergence_; }
  StepRecord& step_record() override { return record_; }
  // Each run continues the tree walk of the runs before it (a sequential strategy).
  uint64_t LearnsFromRuns() const override { return kEveryRun; }
  bool TimeAdversary() const override { return advance_bound_ > 0; }

  struct Stats {
    uint64_t executions = 0;     // runs started
    uint64_t sleep_blocked = 0;  // runs that reached a decision with every process asleep
    uint64_t races = 0;          // races analysed
    uint64_t backtracks = 0;     // processes added to decisions by races
    uint64_t irreversible = 0;   // races whose later step was disabled at the earlier one
  };
  const Stats& stats() const { return stats_; }
  uint64_t executions() const { return stats_.executions; }
  bool exhausted() const { return exhausted_; }
  // Decisions (schedule and data) in the last run.
  size_t depth() const { return last_depth_; }
  // Knuth-style estimate of the executions the whole reduced tree needs, from the
  // branching seen on the current path (an estimate: backtrack sets grow as races appear).
  double EstimatedTotal() const { return estimated_total_; }

 private:
  enum class LockStep : uint8_t { kNone, kAcquires, kQueues };
  struct Sleeper {
    ProcessId process;
    // Its step from the decision, over all data choices (shared: children copy sleepers).
    std::shared_ptr<const std::vector<Access>> accesses;
  };
  struct Node {
    bool data = false;
    // A data choice.
    ChoiceKind kind = ChoiceKind::kData;
    uint64_t width = 0;
    uint64_t value = 0;
    // A scheduling decision.
    std::vector<ProcessId> enabled;  // the candidates, in candidate order
    std::vector<LockStep> locks;     // by candidate: what its Mutex.Lock would do
    bool forced = false;             // every candidate's step would only queue it
    int64_t current = -1;            // process that ran last and is still runnable, or -1
    uint64_t preemptions_before = 0;
    ProcessId chosen = 0;
    std::vector<ProcessId> backtrack;  // to explore here (chosen and done included)
    std::vector<ProcessId> done;
    std::vector<Sleeper> sleep;        // asleep on arrival
    std::vector<Sleeper> done_steps;   // the steps of `done`, for the children's sleep sets
    std::vector<Access> chosen_accesses;
    uint64_t PreemptionsAfter() const;
    void Reset();  // as a new Node, keeping the vectors' storage
  };
  // The path of decisions; nodes popped keep their storage for the next ones (a
  // verification makes hundreds of thousands of runs of hundreds of decisions each).
  class NodeStack {
   public:
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    Node& operator[](size_t i) { return nodes_[i]; }
    const Node& operator[](size_t i) const { return nodes_[i]; }
    Node& back() { return nodes_[size_ - 1]; }
    const Node& back() const { return nodes_[size_ - 1]; }
    std::vector<Node>::const_iterator begin() const { return nodes_.begin(); }
    std::vector<Node>::const_iterator end() const { return nodes_.begin() + size_; }
    void pop_back() { --size_; }
    void truncate(size_t n) { size_ = std::min(size_, n); }
    // Appends a reset node (references to other nodes may be invalidated).
    Node& PushNew();

   private:
    std::vector<Node> nodes_;
    size_t size_ = 0;
  };

  void CloseEvent();
  size_t NewDecision(const SchedulePoint& point);
  void SleepAfter(const Node& parent, const std::vector<Access>& step,
                  std::vector<Sleeper>& out) const;
  bool Asleep(const Node& node, ProcessId p) const;
  bool Allowed(const Node& node, ProcessId p) const;
  static bool Eligible(const Node& node, ProcessId p);
  static LockStep LockStepOf(const Node& node, ProcessId p);
  void AnalyseRaces();
  void AddBacktrack(size_t node_index, size_t event_index, size_t race_event);
  bool Irreversible(const Node& node, size_t i, size_t j,
                    const std::vector<ProcessId>& initials) const;
  bool Backtrack();
  void Estimate();

  uint64_t preemption_bound_;
  // Time as an adversary: clock advances per run, and those taken in this run so far.
  uint64_t advance_bound_;
  uint64_t advances_in_run_ = 0;
  StepRecord record_;
  dpor::Trace trace_;
  NodeStack path_;
  std::vector<size_t> order_;  // NewDecision's scratch
  std::vector<size_t> event_nodes_;  // the schedule node of each event of the run
  size_t depth_ = 0;
  size_t last_depth_ = 0;
  bool event_open_ = false;       // a chosen step is running (its record is filling)
  bool sleep_blocked_ = false;    // this run reached a decision where all are asleep
  size_t first_new_event_ = 0;    // events before it were analysed by earlier runs
  size_t fixed_nodes_ = 0;        // decisions before it replay the last run's steps
  size_t events_in_run_ = 0;      // events closed in this run (kept or added)
  size_t last_schedule_node_ = 0;
  bool exhausted_ = false;
  double estimated_total_ = 0;
  Stats stats_;
  std::optional<std::string> divergence_;
};

}  // namespace sim
