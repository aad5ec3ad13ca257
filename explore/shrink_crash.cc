// Shrinking a crashing run's workload, each candidate in a child process; see
// shrink_crash.h.
#include "explore/shrink_crash.h"

#include <memory>
#include <optional>

#include "explore/crash.h"
#include "explore/isolated.h"
#include "explore/shrink_params.h"
#include "explore/target.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

class CrashShrinker {
 public:
  CrashShrinker(const sim::ReplayToken& token, int signal, const ShrinkOptions& options)
      : token_(token), signal_(signal), options_(options), run_seed_(token.run_seed) {}

  absl::Status Start();
  void ShrinkParams();
  absl::StatusOr<ShrinkResult> Finish();

 private:
  // Whether one run of `target` with `run_seed` dies of the token's signal.
  bool Crashes(const Target& target, uint64_t run_seed);
  // The token's run seed, then fresh ones: the first that crashes becomes the best.
  bool TryLower(const Target& target);
  bool OutOfRuns() const { return runs_ >= options_.max_runs; }

  const sim::ReplayToken& token_;
  const int signal_;
  const ShrinkOptions& options_;
  Target best_;
  uint64_t run_seed_;
  uint64_t runs_ = 0;
};

absl::Status CrashShrinker::Start() {
  absl::StatusOr<Target> target = TargetFromMeta(token_.meta);
  if (!target.ok()) return target.status();
  if (!sim::MakeStrategy(token_.strategy).ok()) {
    return absl::FailedPreconditionError("a crash token names a strategy this build lacks");
  }
  best_ = *std::move(target);
  runs_ = 1;  // the probe that saw the token's run crash
  return absl::OkStatus();
}

bool CrashShrinker::Crashes(const Target& target, uint64_t run_seed) {
  ++runs_;
  absl::StatusOr<int> signal = DeathSignal([&] {
    std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(token_.strategy);
    (void)RunTarget(target, *strategy, 0, sim::RunStart(run_seed));
  });
  return signal.ok() && *signal == signal_;
}

bool CrashShrinker::TryLower(const Target& target) {
  if (!BuildTarget(target).ok()) return false;  // a value the scenario rejects
  std::optional<uint64_t> crashing;
  if (Crashes(target, token_.run_seed)) crashing = token_.run_seed;
  for (uint64_t i = 0; !crashing && i < options_.explore_runs && !OutOfRuns(); ++i) {
    const uint64_t seed = sim::RunSeed(MetaNumber(token_.meta, "seed"), i);
    if (Crashes(target, seed)) crashing = seed;
  }
  if (!crashing) return false;
  best_ = target;
  run_seed_ = *crashing;
  return true;
}

void CrashShrinker::ShrinkParams() {
  LowerParams(
      best_, [this](const Target& lower) { return TryLower(lower); },
      [this] { return OutOfRuns(); });
}

absl::StatusOr<ShrinkResult> CrashShrinker::Finish() {
  ShrinkResult out;
  out.token.meta =
      TargetMeta(best_, MetaNumber(token_.meta, "seed"), MetaNumber(token_.meta, "run"));
  out.token.strategy = token_.strategy;
  out.token.run_seed = run_seed_;
  out.token.has_choices = false;  // the run never ends: there is no stream to keep
  absl::StatusOr<RunReport> report = CrashedReplayReport(out.token, signal_);
  if (!report.ok()) return report.status();
  out.report = *std::move(report);
  out.failure = out.report.result.failure;
  out.candidate_runs = runs_;
  out.params_changed = ParamChanges(token_, best_);
  return out;
}

}  // namespace

absl::StatusOr<ShrinkResult> ShrinkCrash(const sim::ReplayToken& token, int signal,
                                         const ShrinkOptions& options) {
  CrashShrinker shrinker(token, signal, options);
  if (absl::Status s = shrinker.Start(); !s.ok()) return s;
  if (options.shrink_params) shrinker.ShrinkParams();
  return shrinker.Finish();
}

}  // namespace explore
