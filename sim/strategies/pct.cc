// PCT: see pct.h for the algorithm and its guarantee.
#include "sim/strategies/pct.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "sim/check.h"

namespace sim {

absl::StatusOr<std::unique_ptr<Strategy>> PctStrategy::Make(ParamReader& params) {
  const uint64_t depth = params.Uint("depth", kDefaultDepth, 1, 64);
  const uint64_t steps = params.Uint("steps", kDefaultSteps, 1, uint64_t{1} << 40);
  const ClockAdvanceOdds advance = ClockAdvanceOdds::Read(params);
  if (absl::Status s = params.Finish(); !s.ok()) return s;
  return std::make_unique<PctStrategy>(depth, steps, advance);
}

PctStrategy::PctStrategy(uint64_t depth, uint64_t steps_estimate, ClockAdvanceOdds advance,
                         PickMode mode)
    : depth_(depth),
      advance_(advance),
      steps_param_(steps_estimate),
      steps_estimate_(steps_estimate),
      mode_(mode) {}

bool PctStrategy::StartRun(const RunStart& run) {
  if (in_run_zero_) run_zero_steps_ = std::max<uint64_t>(steps_in_run_, 1);
  in_run_zero_ = run.index == 0;
  steps_estimate_ = run.index > 0 && run_zero_steps_ > 0 ? run_zero_steps_ : steps_param_;
  steps_in_run_ = 0;
  prng_.Seed(run.seed);
  priorities_.Clear();
  heap_.Clear();
  heap_synced_ = false;
  DrawChangePoints();
  return true;
}

// d-1 distinct steps uniform in [0, k) (fewer if k < d-1), labelled 1..d-1 in draw order.
void PctStrategy::DrawChangePoints() {
  change_points_.clear();
  next_change_ = 0;
  const uint64_t count = std::min(depth_ - 1, steps_estimate_);
  for (uint64_t label = 1; label <= count; ++label) {
    uint64_t step = 0;
    bool taken = true;
    while (taken) {
      step = prng_.Uniform(steps_estimate_);
      taken = std::any_of(change_points_.begin(), change_points_.end(),
                          [step](const ChangePoint& c) { return c.step == step; });
    }
    change_points_.push_back({step, label});
  }
  std::sort(change_points_.begin(), change_points_.end(),
            [](const ChangePoint& a, const ChangePoint& b) { return a.step < b.step; });
}

size_t PctStrategy::PickNext(const SchedulePoint& offered) {
  const uint64_t step = steps_in_run_++;
  SchedulePoint point = offered;
  if (advance_.on()) [[unlikely]] {
    // A drawn advance skips the heap's sync; the next pick then rebuilds it (SyncHeap).
    if (std::optional<size_t> advance = advance_.Draw(prng_, point)) return *advance;
  }
  if (mode_ == PickMode::kHeap) SyncHeap(point);
  size_t best = Best(point);
  if (next_change_ < change_points_.size() && change_points_[next_change_].step == step) {
    const Candidate& lowered = point.candidates[best];
    priorities_.Set(lowered, change_points_[next_change_].priority);
    if (mode_ == PickMode::kHeap && lowered.kind == Candidate::Kind::kGoroutine) {
      heap_.Update(lowered.id, change_points_[next_change_].priority);
    }
    ++next_change_;
    best = Best(point);
  }
  return best;
}

// The index of the highest-priority candidate, the first one on a tie (goroutines come
// first, by id, then due timers); a candidate seen for the first time gets its priority,
// in candidate order, as PriorityTable::ArgMax draws them.
size_t PctStrategy::Best(const SchedulePoint& point) {
  if (mode_ == PickMode::kLinearScan) return priorities_.ArgMax(point, prng_, depth_);
  const auto candidates = point.candidates;
  const size_t goroutines = heap_.size();
  size_t best = 0;
  uint64_t best_priority = 0;
  if (!heap_.empty()) {
    const uint32_t top = heap_.TopId();
    if (top_index_ >= goroutines || candidates[top_index_].id != top) {  // else: same place
      const auto it = std::lower_bound(
          candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(goroutines), top,
          [](const Candidate& c, uint32_t id) { return c.id < id; });
      POOLCHECK_CHECK(it != candidates.end() && it->id == top,
                      "PCT's heap top is not a goroutine candidate");
      top_index_ = static_cast<size_t>(it - candidates.begin());
    }
    best = top_index_;
    best_priority = heap_.TopPriority();
  }
  for (size_t i = goroutines; i < candidates.size(); ++i) {
    const uint64_t p = priorities_.Get(candidates[i], prng_, depth_);
    if (p > best_priority) {
      best = i;
      best_priority = p;
    }
  }
  return best;
}

// Makes the heap hold exactly the goroutine candidates of `point` with their priorities:
// from the scheduler's changes when they follow the previous pick, else from scratch.
void PctStrategy::SyncHeap(const SchedulePoint& point) {
  const auto candidates = point.candidates;
  const bool no_timers = candidates.empty() || candidates.back().kind == Candidate::Kind::kGoroutine;
  const size_t goroutines =
      no_timers ? candidates.size()
                : static_cast<size_t>(std::partition_point(candidates.begin(), candidates.end(),
                                                           [](const Candidate& c) {
                                                             return c.kind == Candidate::Kind::kGoroutine;
                                                           }) -
                                      candidates.begin());
  const bool follows = heap_synced_ && point.changes_known && point.step == heap_step_ + 1;
  if (follows) FollowChanges(point, goroutines);
  else RebuildHeap(point, goroutines);
  heap_synced_ = true;
  heap_step_ = point.step;
  POOLCHECK_CHECK(heap_.size() == goroutines,
                  "PCT's heap does not hold exactly the goroutine candidates");
}

void PctStrategy::RebuildHeap(const SchedulePoint& point, size_t goroutines) {
  heap_.Clear();
  for (size_t i = 0; i < goroutines; ++i) {
    const Candidate& c = point.candidates[i];
    heap_.Insert(c.id, priorities_.Get(c, prng_, depth_));
  }
}

// Applies the changes since the previous pick: a changed goroutine that is a candidate now
// joins the heap (drawing its priority, in id order, if it has none), one that is not
// leaves it. Every other goroutine kept its runnability, so its heap entry is right.
void PctStrategy::FollowChanges(const SchedulePoint& point, size_t goroutines) {
  if (point.changed.empty()) return;
  changed_.assign(point.changed.begin(), point.changed.end());
  std::sort(changed_.begin(), changed_.end());
  changed_.erase(std::unique(changed_.begin(), changed_.end()), changed_.end());
  const auto begin = point.candidates.begin();
  const auto end = begin + static_cast<ptrdiff_t>(goroutines);
  for (uint32_t id : changed_) {
    const auto it = std::lower_bound(begin, end, id,
                                     [](const Candidate& c, uint32_t x) { return c.id < x; });
    const bool runnable = it != end && it->id == id;
    if (runnable && !heap_.Contains(id)) heap_.Insert(id, priorities_.Get(*it, prng_, depth_));
    if (!runnable && heap_.Contains(id)) heap_.Erase(id);
  }
}

std::string PctStrategy::Describe() const {
  return advance_.AddTo(absl::StrCat("pct:depth=", depth_, ",steps=", steps_estimate_));
}

std::vector<uint64_t> PctStrategy::ChangePoints() const {
  std::vector<uint64_t> steps;
  for (const ChangePoint& c : change_points_) steps.push_back(c.step);
  return steps;
}

}  // namespace sim
