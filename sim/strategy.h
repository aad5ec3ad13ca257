// The strategy interface: a strategy only chooses; the scheduler records every choice.
// One run asks it, in order, for a sequence of picks; one object serves many runs, under
// the lifetime contract below. A new strategy is one file implementing this class plus
// one line in sim/strategy_registry.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace sim {

// Something that can be run at a scheduling decision: a runnable goroutine, a timer
// whose deadline has passed (firing it is then a choice like any other), or, offered only
// to a strategy that plays time as an adversary (Strategy::TimeAdversary), advancing the
// clock to the next timer's deadline and firing it while goroutines are still runnable.
// A clock advance is always the last candidate and is recorded like firing that timer.
struct Candidate {
  enum class Kind : uint8_t { kGoroutine, kTimer, kClockAdvance };
  Kind kind = Kind::kGoroutine;
  uint32_t id = 0;  // goroutine id, or the timer's creation sequence number
};


// What a strategy sees at a scheduling decision.
struct SchedulePoint {
  std::span<const Candidate> candidates;  // deterministic order, never empty
  int current = -1;  // index of the goroutine that ran last if it is still runnable, else -1
  uint64_t step = 0; // scheduling decisions made so far in this run
  // When `changes_known`: every goroutine whose runnability changed since the previous
  // decision of this run (spawned, woken, blocked or exited; in any order, maybe twice),
  // so a strategy can keep its own view of the candidates without rescanning them (PCT's
  // priority heap). Points made outside the scheduler (unit tests) leave it unknown.
  std::span<const uint32_t> changed;
  bool changes_known = false;
};

// True when the last candidate of `point` advances the clock.
inline bool OffersClockAdvance(const SchedulePoint& point) {
  return !point.candidates.empty() &&
         point.candidates.back().kind == Candidate::Kind::kClockAdvance;
}

// What a data choice is for (recorded with it; a replay checks it matches).
enum class ChoiceKind : uint8_t { kSchedule = 0, kSelect = 1, kTimer = 2, kData = 3 };

// Which run a strategy is about to make.
struct RunStart {
  RunStart() = default;
  explicit RunStart(uint64_t run_seed, uint64_t run_index = 0)
      : seed(run_seed), index(run_index) {}
  uint64_t seed = 0;   // in an exploration RunSeed(exploration seed, index)
  uint64_t index = 0;  // the run's index in its exploration or sweep; 0 for a lone run
};

// Lifetime: one strategy object makes a sequence of runs: every run of a test's sweep, or
// one worker's share of an exploration (explore keeps one object per worker process, and
// a worker runs only some indices, e.g. 1, 3, 5, ...). Indices ascend along the sequence.
// For run k to be the same run whichever shard, worker or --jobs makes it, what an object
// carries from run to run is restricted:
//   - Run k may depend on the object's spec, its RunStart, and what runs 0..n-1 taught
//     it, where n = LearnsFromRuns() (e.g. PCT learns its run-length estimate from run 0).
//     Whoever drives the object makes those runs on it first, in order (explore makes the
//     ones a worker does not own and drops their results; see explore::RunSequence).
//   - Nothing else carries over: not which other runs the object made, nor how many.
//   - A strategy whose every run depends on all earlier ones (DFS walks one tree) says
//     LearnsFromRuns() == kEveryRun: one object must make every run in order, so an
//     exploration with it cannot be split over shards or worker processes. Only such a
//     strategy may run out of runs (StartRun false: an exhausted search, not a failure).
class Strategy {
 public:
  static constexpr uint64_t kEveryRun = ~uint64_t{0};

  virtual ~Strategy() = default;
  // Starts run `run` (see Lifetime above). Returns false when the strategy has nothing
  // left to explore (an exhausted DFS tree); nothing runs then.
  virtual bool StartRun(const RunStart& run) = 0;
  // Picks the index of the candidate to run next.
  virtual size_t PickNext(const SchedulePoint& point) = 0;
  // Picks a number in [0, bound), bound >= 2.
  virtual uint64_t PickNumber(uint64_t bound, ChoiceKind kind) = 0;
  // Name and parameters, e.g. "pct:depth=3", parseable by MakeStrategy.
  virtual std::string Describe() const = 0;
  // Why the current run can no longer follow the strategy's plan (a replay whose recorded
  // choice is not available, a DFS prefix that no longer matches the program), else
  // nullopt. A strategy that diverges returns an out-of-range pick (PickNext: an index
  // >= candidates.size(); PickNumber: a number >= bound), so the scheduler needs to ask
  // only then; it must fail the run with FailureKind::kDivergence and this message.
  virtual std::optional<std::string> Divergence() const { return std::nullopt; }
  // How many leading runs (0..n-1) this strategy learns from; kEveryRun: all of them.
  virtual uint64_t LearnsFromRuns() const { return 0; }
  // Whether the run about to start (asked after StartRun) plays time as an adversary
  // (issue 9 section 2): the scheduler then offers clock advances (Candidate::Kind::
  // kClockAdvance) and simulated code asks for its finer choices (sim::TimeAdversary in
  // sim/choice.h). False, the default, keeps the run model every older token recorded.
  virtual bool TimeAdversary() const { return false; }
};

}  // namespace sim
