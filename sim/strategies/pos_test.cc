// Tests of POS (pos.h): the priority update rule on hand-made steps (a racing event and a
// new event re-draw, an independent or commuting event keeps its priority), and the
// strategy on real programs (same seed, same run; data choices in range).
#include "sim/strategies/pos.h"

#include <map>
#include <set>
#include <vector>

#include "gtest/gtest.h"
#include "sim/go.h"
#include "sim/run.h"

namespace sim {
namespace {

Candidate G(uint32_t id) { return Candidate{Candidate::Kind::kGoroutine, id}; }

// Four goroutines 1..4 get their first priorities; returns the one picked (it "runs").
struct FirstDecision {
  PosPriorities rule;
  Prng prng{7};
  std::vector<Candidate> all = {G(1), G(2), G(3), G(4)};
  std::map<uint32_t, uint64_t> before;  // priority by goroutine id after the decision
  uint32_t executed = 0;
  std::vector<uint32_t> others;  // the three not executed, ascending

  FirstDecision() {
    const size_t pick = rule.Pick(all, StepRecord{}, [](const Candidate&) { return Access{}; },
                                  prng);
    executed = all[pick].id;
    for (const Candidate& c : all) {
      before[c.id] = rule.PriorityOf(c);
      if (c.id != executed) others.push_back(c.id);
    }
  }
};

TEST(PosPrioritiesTest, FirstDecisionPicksTheHighestFreshPriority) {
  // Shows every candidate gets a nonzero priority at its first decision and the one
  // picked holds the highest.
  FirstDecision d;
  for (const auto& [id, priority] : d.before) {
    EXPECT_GT(priority, 0u) << id;
    EXPECT_LE(priority, d.before[d.executed]) << id;
  }
}

TEST(PosPrioritiesTest, ARacingEventIsRedrawnAnIndependentOneKeepsItsPriority) {
  // Shows the rule after a step that unlocked mutex 7 and read atomic 9: the event about
  // to lock mutex 7 (a race) gets a new priority; the one about to lock mutex 8 (another
  // object) and the one about to read atomic 9 (two reads commute) keep theirs.
  FirstDecision d;
  const uint32_t racing = d.others[0], elsewhere = d.others[1], reader = d.others[2];
  std::map<uint32_t, Access> pending = {{racing, {7, AccessKind::kMutexLock}},
                                        {elsewhere, {8, AccessKind::kMutexLock}},
                                        {reader, {9, AccessKind::kAtomicRead}}};
  StepRecord step;
  step.accesses = {{7, AccessKind::kMutexUnlock}, {9, AccessKind::kAtomicRead}};
  // The executed goroutine is now blocked: only the other three are candidates.
  const std::vector<Candidate> next = {G(d.others[0]), G(d.others[1]), G(d.others[2])};
  d.rule.Pick(next, step, [&](const Candidate& c) { return pending.at(c.id); }, d.prng);
  EXPECT_NE(d.rule.PriorityOf(G(racing)), d.before[racing]);
  EXPECT_EQ(d.rule.PriorityOf(G(elsewhere)), d.before[elsewhere]);
  EXPECT_EQ(d.rule.PriorityOf(G(reader)), d.before[reader]);
  EXPECT_EQ(d.rule.PriorityOf(G(d.executed)), d.before[d.executed]);  // not a candidate
}

TEST(PosPrioritiesTest, NewEventsAreRedrawnEvenWithoutARace) {
  // Shows the executed goroutine's next step and a goroutine the step woke get new
  // priorities although the step touched nothing; the third candidate keeps its own.
  FirstDecision d;
  const uint32_t woken = d.others[0], untouched = d.others[1];
  StepRecord step;
  step.enabled = {woken};
  const std::vector<Candidate> next = {G(d.executed), G(woken), G(untouched)};
  d.rule.Pick(next, step, [](const Candidate&) { return Access{3, AccessKind::kMutexLock}; },
              d.prng);
  EXPECT_NE(d.rule.PriorityOf(G(d.executed)), d.before[d.executed]);
  EXPECT_NE(d.rule.PriorityOf(G(woken)), d.before[woken]);
  EXPECT_EQ(d.rule.PriorityOf(G(untouched)), d.before[untouched]);
}

TEST(PosPrioritiesTest, AnUnknownPendingAccessRacesWithAnyStep) {
  // Shows kUnknown (an unannotated point) is dependent on every step that touched
  // anything, while an event declaring no shared object (kNone) keeps its priority.
  FirstDecision d;
  const uint32_t unknown = d.others[0], none = d.others[1];
  std::map<uint32_t, Access> pending = {{unknown, {0, AccessKind::kUnknown}},
                                        {none, {0, AccessKind::kNone}}};
  StepRecord step;
  step.accesses = {{42, AccessKind::kChanSend}};
  const std::vector<Candidate> next = {G(unknown), G(none)};
  d.rule.Pick(next, step, [&](const Candidate& c) { return pending.at(c.id); }, d.prng);
  EXPECT_NE(d.rule.PriorityOf(G(unknown)), d.before[unknown]);
  EXPECT_EQ(d.rule.PriorityOf(G(none)), d.before[none]);
}

// Three goroutines contend for a mutex and a channel; main waits on a WaitGroup.
void ContendedProgram() {
  auto mu = std::make_shared<Mutex>();
  auto ch = std::make_shared<Chan<int>>(Chan<int>::Make(1));
  auto wg = std::make_shared<WaitGroup>();
  wg->Add(3);
  for (int i = 0; i < 3; ++i) {
    Go("worker", [=] {
      mu->Lock();
      ch->Send(i);
      mu->Unlock();
      ch->Recv();
      wg->Done();
    });
  }
  wg->Wait();
}

TEST(PosStrategyTest, SameSeedSameRunDifferentSeedsDifferentRuns) {
  // Shows POS is a function of the seed: each of 20 seeds gives the same choices and
  // fingerprint twice on one object (its step record carries nothing between runs), and
  // the 20 seeds give more than one distinct run.
  PosStrategy pos;
  std::set<uint64_t> fingerprints;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult first = RunProgram(pos, RunStart(seed), {}, &ContendedProgram);
    const RunResult second = RunProgram(pos, RunStart(seed), {}, &ContendedProgram);
    ASSERT_FALSE(first.failed()) << first.message;
    EXPECT_EQ(first.choices, second.choices) << seed;
    EXPECT_EQ(first.fingerprint, second.fingerprint) << seed;
    fingerprints.insert(first.fingerprint);
  }
  EXPECT_GT(fingerprints.size(), 1u);
}

}  // namespace
}  // namespace sim
