// Shrinking a failing run (see shrink.h): a baseline from the token, then lower integer
// parameters, then fewer preemptions, each candidate rerun with a lenient replay and kept
// only if it fails with the same id and is no larger.
#include "explore/shrink.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "explore/isolated.h"
#include "explore/shrink_crash.h"
#include "explore/shrink_params.h"
#include "explore/target.h"
#include "sim/strategies/replay.h"
#include "sim/strategy_registry.h"

namespace explore {

bool LenientReplayStrategy::StartRun(const sim::RunStart&) {
  next_ = 0;
  preemptions_ = 0;
  fallbacks_ = 0;
  preempted_.clear();
  return true;
}

const sim::Choice* LenientReplayStrategy::NextRecorded() {
  if (next_ >= choices_.size()) return nullptr;
  return &choices_[next_++];
}

size_t LenientReplayStrategy::PickNext(const sim::SchedulePoint& point) {
  const sim::Choice* recorded = NextRecorded();
  size_t pick = point.current >= 0 ? static_cast<size_t>(point.current) : 0;
  const bool wants_specific = recorded != nullptr && recorded->value != kContinueChoice;
  if (wants_specific) {
    auto it = std::find_if(point.candidates.begin(), point.candidates.end(),
                           [&](const sim::Candidate& c) {
                             return recorded->kind == sim::ChoiceKind::kSchedule &&
                                    sim::ChoiceValueOf(c) == recorded->value;
                           });
    if (it != point.candidates.end()) {
      pick = static_cast<size_t>(it - point.candidates.begin());
    } else {
      ++fallbacks_;
    }
  }
  const bool preemption = point.current >= 0 && pick != static_cast<size_t>(point.current);
  if (preemption) ++preemptions_;
  preempted_.push_back(preemption);
  return pick;
}

uint64_t LenientReplayStrategy::PickNumber(uint64_t bound, sim::ChoiceKind kind) {
  const sim::Choice* recorded = NextRecorded();
  preempted_.push_back(false);
  if (recorded != nullptr && recorded->kind == kind && recorded->value < bound) {
    return recorded->value;
  }
  if (recorded != nullptr) ++fallbacks_;
  return 0;
}

namespace {

// The smallest failing run found so far.
struct Best {
  Target target;
  RunReport report;  // its run; report.result.choices is the stream to edit next
  uint64_t preemptions = 0;
  std::vector<bool> preempted;  // per choice of that stream
};

uint64_t MetaUint(const sim::ReplayToken& token, const std::string& key) {
  uint64_t value = 0;
  auto it = token.meta.find(key);
  if (it != token.meta.end() && absl::SimpleAtoi(it->second, &value)) return value;
  return 0;
}

class Shrinker {
 public:
  Shrinker(const sim::ReplayToken& token, const ShrinkOptions& options)
      : token_(token), options_(options) {}

  absl::Status Baseline();
  void ShrinkParams();
  void ShrinkSchedule();
  absl::StatusOr<ShrinkResult> Finish();

 private:
  // One run of `target` under `strategy`, capped at the best run's step count.
  std::optional<RunReport> RunCandidate(const Target& target, sim::Strategy& strategy,
                                        uint64_t run_seed);
  bool TryLenient(const Target& target, const std::vector<sim::Choice>& choices,
                  bool params_lowered);
  bool TryFreshRuns(const Target& target);
  bool OutOfRuns() const { return runs_ >= options_.max_runs; }

  const sim::ReplayToken& token_;
  const ShrinkOptions& options_;
  sim::FailureId failure_;
  uint64_t steps_before_ = 0, preemptions_before_ = 0;
  Best best_;
  uint64_t runs_ = 0;
};

std::optional<RunReport> Shrinker::RunCandidate(const Target& target, sim::Strategy& strategy,
                                                uint64_t run_seed) {
  absl::StatusOr<BuiltTarget> built = BuildTarget(target);
  if (!built.ok()) return std::nullopt;  // a parameter value the scenario rejects
  ++runs_;
  sim::RunOptions options;
  // The scenario's own budget. (Capping it at the best run's steps would stop hopeless
  // candidates sooner, but tearing a run down mid-step exposes a sim teardown bug: an
  // Unlock in a LockGuard destructor rethrows AbortUnwind out of a noexcept destructor.)
  options.max_steps = built->scenario->max_steps;
  return RunWorkload(built->workload, strategy, sim::RunStart(run_seed), options,
                     MonitorOptionsFor(built->target));
}

bool Shrinker::TryLenient(const Target& target, const std::vector<sim::Choice>& choices,
                          bool params_lowered) {
  if (OutOfRuns()) return false;
  LenientReplayStrategy lenient(choices, sim::SpecPlaysTime(token_.strategy));
  std::optional<RunReport> report = RunCandidate(target, lenient, token_.run_seed);
  if (!report || report->result.failure != failure_) {
    return false;
  }
  // A smaller workload wins outright (fewer goroutines and operations matter more to a
  // reader than a few extra steps); the same workload must not grow in either measure and
  // must shrink in one.
  if (!params_lowered) {
    const uint64_t steps = report->result.steps, best_steps = best_.report.result.steps;
    const uint64_t preemptions = lenient.preemptions();
    const bool no_larger = steps <= best_steps && preemptions <= best_.preemptions;
    const bool smaller = steps < best_steps || preemptions < best_.preemptions;
    if (!no_larger || !smaller) return false;
  }
  best_ = Best{target, *std::move(report), lenient.preemptions(), lenient.preempted()};
  return true;
}

// Fresh runs of the token's strategy on `target`: a smaller workload may need another
// schedule to fail. A failing one is then rerun leniently to count its preemptions.
bool Shrinker::TryFreshRuns(const Target& target) {
  const uint64_t seed = MetaUint(token_, "seed");
  for (uint64_t i = 0; i < options_.explore_runs && !OutOfRuns(); ++i) {
    absl::StatusOr<std::unique_ptr<sim::Strategy>> strategy = sim::MakeStrategy(token_.strategy);
    if (!strategy.ok()) strategy = sim::MakeStrategy("pct");
    const uint64_t run_seed = sim::RunSeed(seed, i);
    std::optional<RunReport> report = RunCandidate(target, **strategy, run_seed);
    if (!report) return false;
    if (report->result.failure == failure_) {
      return TryLenient(target, report->result.choices, /*params_lowered=*/true);
    }
  }
  return false;
}

absl::Status Shrinker::Baseline() {
  absl::StatusOr<Target> target = TargetFromMeta(token_.meta);
  if (!target.ok()) return target.status();
  absl::StatusOr<RunReport> strict = Replay(token_, /*record_trace=*/false);
  if (!strict.ok()) return strict.status();
  const sim::RunResult& r = strict->result;
  if (!r.failed()) {
    return absl::FailedPreconditionError("the token's run does not fail: nothing to shrink");
  }
  if (r.failure.kind == sim::FailureKind::kDivergence) {
    return absl::FailedPreconditionError(
        absl::StrCat("the token does not replay on this build: ", r.message));
  }
  failure_ = r.failure;
  // The token's own choices, replayed leniently, give the same run with preemptions counted.
  best_.report.result.steps = r.steps;
  LenientReplayStrategy lenient(r.choices, sim::SpecPlaysTime(token_.strategy));
  std::optional<RunReport> same = RunCandidate(*target, lenient, token_.run_seed);
  if (!same || same->result.fingerprint != r.fingerprint) {
    return absl::InternalError("a lenient replay of the token's own choices ran differently");
  }
  best_ = Best{*target, *std::move(same), lenient.preemptions(), lenient.preempted()};
  steps_before_ = r.steps;
  preemptions_before_ = lenient.preemptions();
  return absl::OkStatus();
}

// Lower integer parameters (shrink_params.h); a candidate fails if the best run's choices,
// replayed leniently, or a fresh run of the token's strategy fail the same way.
void Shrinker::ShrinkParams() {
  LowerParams(
      best_.target,
      [this](const Target& lower) {
        const std::vector<sim::Choice> choices = best_.report.result.choices;
        return TryLenient(lower, choices, true) || TryFreshRuns(lower);
      },
      [this] { return OutOfRuns(); });
}

// Delta debugging over the preemptions of the best run: replace a chunk of them by
// "continue the goroutine that ran last", halving the chunk size when none can go.
void Shrinker::ShrinkSchedule() {
  size_t chunks = 2;
  while (!OutOfRuns()) {
    std::vector<size_t> points;
    for (size_t i = 0; i < best_.preempted.size(); ++i) {
      if (best_.preempted[i]) points.push_back(i);
    }
    if (points.empty()) return;
    chunks = std::min(chunks, points.size());
    const size_t chunk_size = (points.size() + chunks - 1) / chunks;
    bool removed = false;
    for (size_t start = 0; start < points.size() && !removed && !OutOfRuns();
         start += chunk_size) {
      std::vector<sim::Choice> choices = best_.report.result.choices;
      const size_t end = std::min(points.size(), start + chunk_size);
      for (size_t k = start; k < end; ++k) choices[points[k]].value = kContinueChoice;
      removed = TryLenient(best_.target, choices, /*params_lowered=*/false);
    }
    if (removed) {
      chunks = std::max<size_t>(chunks - 1, 2);
    } else if (chunks >= points.size()) {
      return;
    } else {
      chunks = std::min(chunks * 2, points.size());
    }
  }
}

absl::StatusOr<ShrinkResult> Shrinker::Finish() {
  ShrinkResult out;
  const sim::RunResult& r = best_.report.result;
  out.token.meta = TargetMeta(best_.target, MetaUint(token_, "seed"), MetaUint(token_, "run"));
  out.token.strategy = token_.strategy;
  out.token.run_seed = token_.run_seed;
  out.token.has_choices = true;
  out.token.choices = r.choices;
  out.token.steps = r.steps;
  out.token.fingerprint = r.fingerprint;
  absl::StatusOr<RunReport> check = Replay(out.token, /*record_trace=*/false);
  if (!check.ok()) return check.status();
  if (check->result.failure != failure_) {
    return absl::InternalError(absl::StrCat("the shrunk token does not reproduce ", failure_.Name(),
                                            " (replay: ", check->result.failure.Name(), ")"));
  }
  out.report = *std::move(check);
  out.failure = failure_;
  out.steps_before = steps_before_;
  out.steps_after = r.steps;
  out.preemptions_before = preemptions_before_;
  out.preemptions_after = best_.preemptions;
  out.candidate_runs = runs_;
  out.params_changed = ParamChanges(token_, best_.target);
  return out;
}

}  // namespace

absl::StatusOr<ShrinkResult> Shrink(const sim::ReplayToken& token, const ShrinkOptions& options) {
  // A run that kills its process cannot be shrunk by rerunning it here: first see, in a
  // child, whether it does.
  absl::StatusOr<int> signal =
      DeathSignal([&token] { (void)Replay(token, /*record_trace=*/false); });
  if (!signal.ok()) return signal.status();
  if (*signal != 0) return ShrinkCrash(token, *signal, options);
  Shrinker shrinker(token, options);
  if (absl::Status s = shrinker.Baseline(); !s.ok()) return s;
  if (options.shrink_params) shrinker.ShrinkParams();
  shrinker.ShrinkSchedule();
  if (options.shrink_params) shrinker.ShrinkParams();
  return shrinker.Finish();
}

}  // namespace explore
