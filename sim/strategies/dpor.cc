// Source-set DPOR with sleep sets: see dpor.h. The tree walk mirrors dfs.cc (a path of
// decisions replayed and extended run by run); what differs is which processes a
// scheduling decision explores (its backtrack set, grown by race analysis) and which it
// skips (its sleep set).
#include "sim/strategies/dpor.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace sim {
namespace {

bool Contains(const std::vector<ProcessId>& v, ProcessId p) {
  return std::find(v.begin(), v.end(), p) != v.end();
}

bool AnyConflict(const std::vector<Access>& a, const std::vector<Access>& b) {
  for (const Access& x : a) {
    for (const Access& y : b) {
      if (Conflicts(x, y)) return true;
    }
  }
  return false;
}

void SortUnique(std::vector<Access>& v) {
  auto less = [](const Access& a, const Access& b) {
    return a.object != b.object ? a.object < b.object : a.kind < b.kind;
  };
  std::sort(v.begin(), v.end(), less);
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

absl::StatusOr<std::unique_ptr<Strategy>> DporStrategy::Make(ParamReader& params) {
  const uint64_t bound = params.Uint("preemptions", kUnbounded, 0, kUnbounded);
  const uint64_t advances = params.Uint("advances", 0, 0, kUnbounded);
  if (absl::Status s = params.Finish(); !s.ok()) return s;
  return std::make_unique<DporStrategy>(bound, advances);
}

std::string DporStrategy::Describe() const {
  std::string spec = "dpor";
  if (preemption_bound_ != kUnbounded) absl::StrAppend(&spec, ":preemptions=", preemption_bound_);
  if (advance_bound_ > 0) {
    absl::StrAppend(&spec, spec == "dpor" ? ":" : ",", "advances=", advance_bound_);
  }
  return spec;
}

void DporStrategy::Node::Reset() {
  data = false;
  kind = ChoiceKind::kData;
  width = 0;
  value = 0;
  enabled.clear();
  locks.clear();
  forced = false;
  current = -1;
  preemptions_before = 0;
  chosen = 0;
  backtrack.clear();
  done.clear();
  sleep.clear();
  done_steps.clear();
  chosen_accesses.clear();
}

DporStrategy::Node& DporStrategy::NodeStack::PushNew() {
  if (size_ == nodes_.size()) nodes_.emplace_back();
  Node& node = nodes_[size_++];
  node.Reset();
  return node;
}

uint64_t DporStrategy::Node::PreemptionsAfter() const {
  const bool preempts = !data && current >= 0 && chosen != static_cast<ProcessId>(current);
  return preemptions_before + (preempts ? 1 : 0);
}

bool DporStrategy::StartRun(const RunStart& /*run*/) {
  if (exhausted_) return false;
  if (stats_.executions > 0) {
    CloseEvent();  // the last step of the previous run
    last_depth_ = depth_;
    path_.truncate(depth_);
    if (!divergence_) AnalyseRaces();
    Estimate();
    if (!Backtrack()) {
      exhausted_ = true;
      return false;
    }
  }
  // The run replays the last run's first first_new_event_ steps: their events stay.
  const size_t kept = divergence_ ? 0 : std::min(first_new_event_, trace_.size());
  divergence_.reset();
  trace_.Truncate(kept);
  event_nodes_.resize(kept);
  events_in_run_ = 0;
  record_.Clear();
  depth_ = 0;
  advances_in_run_ = 0;
  event_open_ = false;
  sleep_blocked_ = false;
  ++stats_.executions;
  return true;
}

// Turns the record of the step that just ran into an event of the trace.
void DporStrategy::CloseEvent() {
  if (!event_open_) {
    record_.Clear();
    return;
  }
  event_open_ = false;
  Node& node = path_[last_schedule_node_];
  if (last_schedule_node_ >= fixed_nodes_) {  // else the same step as in the last run
    node.chosen_accesses.insert(node.chosen_accesses.end(), record_.accesses.begin(),
                                record_.accesses.end());
    SortUnique(node.chosen_accesses);
  }
  if (events_in_run_++ < trace_.size()) {  // replayed: kept from the last run
    record_.Clear();
    return;
  }
  trace_.Add(node.chosen, last_schedule_node_, record_,
             LockStepOf(node, node.chosen) == LockStep::kAcquires);
  event_nodes_.push_back(last_schedule_node_);
  record_.Clear();
}

size_t DporStrategy::PickNext(const SchedulePoint& point) {
  CloseEvent();
  const size_t invalid = point.candidates.size();
  if (divergence_) return invalid;
  if (sleep_blocked_) return 0;  // a redundant run: any schedule will do
  size_t index = invalid;
  if (depth_ < path_.size()) {
    const Node& node = path_[depth_];
    bool same = !node.data && node.enabled.size() == point.candidates.size();
    for (size_t i = 0; same && i < point.candidates.size(); ++i) {
      const ProcessId p = ProcessOf(point.candidates[i]);
      same = node.enabled[i] == p;
      if (p == node.chosen) index = i;
    }
    if (!same || index == invalid) {
      divergence_ = absl::StrCat("dpor: the program did not repeat itself at decision #", depth_,
                                 "; exhaustive search needs a deterministic program");
      return invalid;
    }
  } else {
    index = NewDecision(point);
    if (sleep_blocked_) return 0;
  }
  if (OffersClockAdvance(point) && index + 1 == point.candidates.size()) ++advances_in_run_;
  last_schedule_node_ = depth_++;
  event_open_ = true;
  return index;
}

// A decision beyond the replayed prefix: its sleep set comes from the previous decision;
// it runs the last-run process if it may (no preemption), else the first one awake.
size_t DporStrategy::NewDecision(const SchedulePoint& point) {
  const uint64_t preemptions_before = path_.empty() ? 0 : path_.back().PreemptionsAfter();
  Node& node = path_.PushNew();
  node.preemptions_before = preemptions_before;
  node.forced = true;
  for (const Candidate& c : point.candidates) {
    node.enabled.push_back(ProcessOf(c));
    const LockIntent lock = PendingLock(c);
    node.locks.push_back(!lock.lock ? LockStep::kNone
                                    : lock.held ? LockStep::kQueues : LockStep::kAcquires);
    // The clock advance is an option, not a process that could run instead: a decision
    // whose goroutines would all only queue is forced even when an advance is offered.
    const bool advance = OffersClockAdvance(point) && &c == &point.candidates.back();
    node.forced = node.forced && (advance || node.locks.back() == LockStep::kQueues);
  }
  if (point.current >= 0 && Eligible(node, node.enabled[static_cast<size_t>(point.current)])) {
    node.current = node.enabled[static_cast<size_t>(point.current)];
  }
  if (preemption_bound_ == kUnbounded && !event_nodes_.empty()) {
    SleepAfter(path_[event_nodes_.back()], trace_.at(trace_.size() - 1).accesses, node.sleep);
  }
  std::vector<size_t>& order = order_;
  order.resize(node.enabled.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (node.current >= 0) std::rotate(order.begin(), order.begin() + point.current,
                                     order.begin() + point.current + 1);
  const bool advance_spent = advances_in_run_ >= advance_bound_;
  for (size_t i : order) {
    const ProcessId p = node.enabled[i];
    if (!Eligible(node, p) || Asleep(node, p) || !Allowed(node, p)) continue;
    if (advance_spent && OffersClockAdvance(point) && i + 1 == order.size()) continue;
    node.chosen = p;
    node.backtrack.push_back(p);
    // Time as an adversary: the clock advance is always a branch (see dpor.h).
    if (OffersClockAdvance(point) && advances_in_run_ < advance_bound_ &&
        node.enabled.back() != p) {
      node.backtrack.push_back(node.enabled.back());
    }
    return i;
  }
  path_.pop_back();
  sleep_blocked_ = true;
  ++stats_.sleep_blocked;
  return 0;
}

// The sleepers of a decision's child: the parent's sleepers and explored processes whose
// steps commute with the step the parent chose.
void DporStrategy::SleepAfter(const Node& parent, const std::vector<Access>& step,
                              std::vector<Sleeper>& out) const {
  out.clear();
  for (const auto* list : {&parent.sleep, &parent.done_steps}) {
    for (const Sleeper& s : *list) {
      if (s.process != parent.chosen && !AnyConflict(*s.accesses, step)) out.push_back(s);
    }
  }
}

bool DporStrategy::Asleep(const Node& node, ProcessId p) const {
  return std::any_of(node.sleep.begin(), node.sleep.end(),
                     [p](const Sleeper& s) { return s.process == p; });
}

// Whether p's step may be explored here: not a Lock that would only queue p, unless
// every candidate's is.
bool DporStrategy::Eligible(const Node& node, ProcessId p) {
  return node.forced || LockStepOf(node, p) != LockStep::kQueues;
}

DporStrategy::LockStep DporStrategy::LockStepOf(const Node& node, ProcessId p) {
  for (size_t i = 0; i < node.enabled.size(); ++i) {
    if (node.enabled[i] == p) return node.locks[i];
  }
  return LockStep::kNone;
}

bool DporStrategy::Allowed(const Node& node, ProcessId p) const {
  if (preemption_bound_ == kUnbounded || node.current < 0) return true;
  return p == static_cast<ProcessId>(node.current) ||
         node.preemptions_before < preemption_bound_;
}

uint64_t DporStrategy::PickNumber(uint64_t bound, ChoiceKind kind) {
  if (divergence_) return bound;
  if (sleep_blocked_) return 0;
  if (depth_ < path_.size()) {
    const Node& node = path_[depth_];
    if (!node.data || node.width != bound || node.kind != kind) {
      divergence_ = absl::StrCat("dpor: the program did not repeat itself at decision #", depth_,
                                 ": a data choice changed; exhaustive search needs a "
                                 "deterministic program");
      return bound;
    }
    ++depth_;
    return node.value;
  }
  const uint64_t preemptions_before = path_.empty() ? 0 : path_.back().PreemptionsAfter();
  Node& node = path_.PushNew();
  node.data = true;
  node.kind = kind;
  node.width = bound;
  node.preemptions_before = preemptions_before;
  ++depth_;
  return 0;
}

void DporStrategy::AnalyseRaces() {
  for (size_t j = first_new_event_; j < trace_.size(); ++j) {
    for (size_t i : trace_.at(j).races) {
      ++stats_.races;
      AddBacktrack(trace_.at(i).node, i, j);
      if (preemption_bound_ != kUnbounded) {
        // Bounded: also where the run of steps containing event i began, where switching
        // may cost no preemption.
        size_t start = i;
        while (start > 0 && trace_.at(start - 1).process == trace_.at(i).process) --start;
        if (start != i) AddBacktrack(trace_.at(start).node, i, j);
      }
    }
  }
}

// Race (i, j): makes the decision at `node_index` explore an initial of notdep(i).j,
// unless one is already explored or asleep there.
void DporStrategy::AddBacktrack(size_t node_index, size_t i, size_t j) {
  Node& node = path_[node_index];
  std::vector<ProcessId> initials;
  const bool covered = trace_.Initials(i, j, initials, [&](ProcessId p) {
    return Contains(node.backtrack, p) || Asleep(node, p);
  });
  if (covered) return;
  for (ProcessId p : initials) {
    if (Contains(node.enabled, p) && Eligible(node, p)) {
      node.backtrack.push_back(p);
      ++stats_.backtracks;
      return;
    }
  }
  if (node_index == trace_.at(i).node && Irreversible(node, i, j, initials)) {
    ++stats_.irreversible;
    return;
  }
  for (ProcessId p : node.enabled) {  // no initial runnable here: every process
    if (Eligible(node, p) && !Contains(node.backtrack, p)) {
      node.backtrack.push_back(p);
      ++stats_.backtracks;
    }
  }
}

// Whether race (i, j) cannot be reversed: j's process is an initial of notdep(i).j whose
// first event there is j itself (it has no step between i and j), and at i's decision that
// step would only queue it (a Lock of a held mutex, a Wait above zero, a select with no
// ready case), so it is disabled there. Then j runs in notdep(i).j from i's state changed
// by no event it depends on (it is an initial), so it is still disabled: no execution
// from i's decision begins with notdep(i).j, and the race needs no backtrack point. (j was
// enabled where it ran only because of i or of events after i that it depends on.)
// Only at i's own decision: the extra backtrack point of a bounded search, where i's run
// of steps began, keeps the conservative fallback (every eligible process).
bool DporStrategy::Irreversible(const Node& node, size_t i, size_t j,
                                const std::vector<ProcessId>& initials) const {
  const ProcessId pj = trace_.at(j).process;
  if (!Contains(initials, pj) || Eligible(node, pj) || LockStepOf(node, pj) != LockStep::kQueues) {
    return false;
  }
  for (size_t k = i + 1; k < j; ++k) {
    if (trace_.at(k).process == pj) return false;
  }
  return true;
}

// Moves to the deepest decision with something left to explore. False when none is left.
bool DporStrategy::Backtrack() {
  while (!path_.empty()) {
    Node& node = path_.back();
    bool next = false;
    if (node.data) {
      next = node.value + 1 < node.width;
      if (next) ++node.value;
    } else {
      node.done.push_back(node.chosen);
      node.done_steps.push_back(Sleeper{
          node.chosen,
          std::make_shared<const std::vector<Access>>(std::move(node.chosen_accesses))});
      node.chosen_accesses.clear();
      for (ProcessId p : node.backtrack) {
        if (Contains(node.done, p) || !Eligible(node, p) || Asleep(node, p) ||
            !Allowed(node, p)) {
          continue;
        }
        node.chosen = p;
        next = true;
        break;
      }
    }
    if (next) {
      size_t schedule_nodes = 0;
      size_t last_schedule = 0;
      for (size_t k = 0; k + 1 < path_.size(); ++k) {
        if (path_[k].data) continue;
        ++schedule_nodes;
        last_schedule = k;
      }
      // A changed data choice changes the step that contains it.
      first_new_event_ = node.data && schedule_nodes > 0 ? schedule_nodes - 1 : schedule_nodes;
      fixed_nodes_ = node.data ? last_schedule : path_.size() - 1;
      return true;
    }
    path_.pop_back();
  }
  return false;
}

// Knuth's estimator along the current path: the fraction of the tree left of this path
// plus this leaf; the total is the executions so far over that fraction.
void DporStrategy::Estimate() {
  double fraction = 0;
  double weight = 1;
  for (const Node& node : path_) {
    const double width = node.data ? static_cast<double>(node.width)
                                   : static_cast<double>(std::max<size_t>(node.backtrack.size(), 1));
    const double position = node.data ? static_cast<double>(node.value)
                                      : static_cast<double>(node.done.size());
    fraction += weight * position / width;
    weight /= width;
  }
  fraction += weight;
  estimated_total_ = static_cast<double>(stats_.executions) / fraction;
}

}  // namespace sim
