// Shows time as an adversary (issue 9 section 2) catching a real bug (mutant build): the
// pool mutant leak-conn-on-late-deadline (model/sql/mutation.h) leaks a conn only if the
// caller's deadline passes between two steps of conn(), with an instant driver. A search
// that moves the clock only when every goroutine is blocked cannot make that happen:
// bounded DFS exhausts its tree clean, and random, PCT and POS sample 2,000 runs clean.
// Every search mode that plays time as an adversary
// finds it (I4: a conn still open after DB.Close), its token replays to the same report,
// and shrink keeps it failing. On the real pool the same runs are clean.
#include <memory>
#include <string>

#include "explore/runner.h"
#include "explore/shrink.h"
#include "explore/workload_target.h"
#include "gtest/gtest.h"
#include "model/sql/mutation.h"
#include "scenarios/ops.h"
#include "sim/strategies/dfs.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

using model::sql::Mutation;

// One client, two Execs under a 5ms deadline each; the second takes the conn the first
// put back. Nothing ever waits: only a clock advance can end a deadline mid-Exec.
Target LateDeadline(Mutation m) {
  scenarios::Workload w;
  w.pool.mutation = m;
  scenarios::Op exec = scenarios::ops::Exec();
  exec.timeout = sim::Duration::Milliseconds(5);
  w.clients = {scenarios::Client{sim::Duration::Zero(), {exec, exec}}};
  return WorkloadTarget(std::move(w), properties::InvariantSet::All());
}

struct Search {
  std::optional<RunReport> failure;  // the first failing run
  uint64_t runs = 0;
  bool exhausted = false;
};

// Runs `spec` on `target` for up to `budget` runs, stopping at the first failure.
Search SearchFor(const Target& target, const std::string& spec, uint64_t budget) {
  Search out;
  absl::StatusOr<std::unique_ptr<sim::Strategy>> strategy = sim::MakeStrategy(spec);
  EXPECT_TRUE(strategy.ok()) << strategy.status();
  if (!strategy.ok()) return out;
  for (uint64_t i = 0; i < budget; ++i) {
    absl::StatusOr<RunReport> report =
        RunTarget(target, **strategy, 1, sim::RunStart(sim::RunSeed(1, i), i));
    EXPECT_TRUE(report.ok()) << report.status();
    if (!report.ok()) return out;
    if (report->result.exhausted) {
      out.exhausted = true;
      return out;
    }
    ++out.runs;
    if (report->result.failed()) {
      out.failure = *std::move(report);
      return out;
    }
  }
  return out;
}

TEST(TimeAdversaryMutant, ExhaustiveSearchWithoutClockAdvancesFindsNothing) {
  // Shows "not found before": DFS under two preemptions and DPOR run their whole trees on
  // the mutant without a failure, because the clock never moves while the client runs.
  for (const std::string spec : {"dfs:preemptions=2", "dpor"}) {
    SCOPED_TRACE(spec);
    const Search s = SearchFor(LateDeadline(Mutation::kLeakConnOnLateDeadline), spec, 20'000);
    EXPECT_TRUE(s.exhausted) << "not exhausted after " << s.runs << " runs";
    EXPECT_FALSE(s.failure.has_value()) << s.failure->result.message;
  }
}

TEST(TimeAdversaryMutant, SamplingWithoutClockAdvancesFindsNothing) {
  // Shows "not found before" for the sampling strategies: 2,000 runs each of random, PCT
  // and POS without advances pass on the mutant (the exhaustive test above shows no
  // schedule without an advance can fail; these show the same strategies do find it
  // with advance=0.1, below).
  for (const std::string spec : {"random", "pct", "pos"}) {
    SCOPED_TRACE(spec);
    const Search s = SearchFor(LateDeadline(Mutation::kLeakConnOnLateDeadline), spec, 2'000);
    EXPECT_FALSE(s.failure.has_value()) << s.failure->result.message;
    EXPECT_EQ(s.runs, 2'000u);
  }
}

TEST(TimeAdversaryMutant, EverySearchModeWithClockAdvancesFindsItAndReplaysIt) {
  // Shows "found now", by each search mode, and that each finding's token replays it.
  // Bounded DPOR finds it only because the context deadline's goroutine conflicts with
  // the step that dropped the context (sim/context.cc, ContextState::alive): without that
  // access, dpor:preemptions=2,advances=1 exhausts 59 runs clean.
  for (const std::string spec :
       {"dfs:preemptions=2,advances=1", "dpor:advances=1", "dpor:preemptions=2,advances=1",
        "random:advance=0.1", "pct:advance=0.1", "pos:advance=0.1", "portfolio:advance=0.1"}) {
    SCOPED_TRACE(spec);
    const Search s = SearchFor(LateDeadline(Mutation::kLeakConnOnLateDeadline), spec, 2'000);
    ASSERT_TRUE(s.failure.has_value()) << "not found in " << s.runs << " runs";
    EXPECT_EQ(s.failure->result.failure.Name(), "I4") << s.failure->result.message;
    std::printf("%s: found after %llu runs\n", spec.c_str(),
                static_cast<unsigned long long>(s.runs));
    absl::StatusOr<RunReport> again = Replay(s.failure->token, /*record_trace=*/false);
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->result.failure, s.failure->result.failure) << again->result.message;
    EXPECT_EQ(again->result.message, s.failure->result.message);
    EXPECT_EQ(again->result.fingerprint, s.failure->result.fingerprint);
  }
}

TEST(TimeAdversaryMutant, ShrinkKeepsTheClockAdvance) {
  // Shows shrink reruns a clock-advance token's candidates with the advances offered: the
  // shrunk token still fails with I4 and replays exactly.
  const Search s = SearchFor(LateDeadline(Mutation::kLeakConnOnLateDeadline),
                             "random:advance=0.1", 2'000);
  ASSERT_TRUE(s.failure.has_value());
  absl::StatusOr<ShrinkResult> shrunk = Shrink(s.failure->token, ShrinkOptions{});
  ASSERT_TRUE(shrunk.ok()) << shrunk.status();
  EXPECT_EQ(shrunk->failure.Name(), "I4");
  EXPECT_LE(shrunk->steps_after, shrunk->steps_before);
  absl::StatusOr<RunReport> again = Replay(shrunk->token, /*record_trace=*/false);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->result.failure.Name(), "I4") << again->result.message;
}

TEST(TimeAdversaryMutant, TheRealPoolIsCleanUnderTheSameSearch) {
  // Shows the failures above are the mutant's: the real pool passes every invariant in
  // the same runs (clock advances alone break nothing).
  for (const std::string spec : {"dfs:preemptions=1,advances=1", "random:advance=0.1"}) {
    SCOPED_TRACE(spec);
    const Search s = SearchFor(LateDeadline(Mutation::kNone), spec, 300);
    EXPECT_FALSE(s.failure.has_value()) << s.failure->result.message;
    EXPECT_GT(s.runs, 0u);
  }
}

}  // namespace
}  // namespace explore
