// PCT: see pct.h for the algorithm and its guarantee.
#include "sim/strategies/pct.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace sim {

absl::StatusOr<std::unique_ptr<Strategy>> PctStrategy::Make(ParamReader& params) {
  const uint64_t depth = params.Uint("depth", kDefaultDepth, 1, 64);
  const uint64_t steps = params.Uint("steps", kDefaultSteps, 1, uint64_t{1} << 40);
  const ClockAdvanceOdds advance = ClockAdvanceOdds::Read(params);
  if (absl::Status s = params.Finish(); !s.ok()) return s;
  return std::make_unique<PctStrategy>(depth, steps, advance);
}

PctStrategy::PctStrategy(uint64_t depth, uint64_t steps_estimate, ClockAdvanceOdds advance)
    : depth_(depth),
      advance_(advance),
      steps_param_(steps_estimate),
      steps_estimate_(steps_estimate) {}

bool PctStrategy::StartRun(const RunStart& run) {
  if (in_run_zero_) run_zero_steps_ = std::max<uint64_t>(steps_in_run_, 1);
  in_run_zero_ = run.index == 0;
  steps_estimate_ = run.index > 0 && run_zero_steps_ > 0 ? run_zero_steps_ : steps_param_;
  steps_in_run_ = 0;
  prng_.Seed(run.seed);
  priorities_.Clear();
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
    if (std::optional<size_t> advance = advance_.Draw(prng_, point)) return *advance;
  }
  size_t best = priorities_.ArgMax(point, prng_, depth_);
  if (next_change_ < change_points_.size() && change_points_[next_change_].step == step) {
    priorities_.Set(point.candidates[best], change_points_[next_change_].priority);
    ++next_change_;
    best = priorities_.ArgMax(point, prng_, depth_);
  }
  return best;
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
