// The scheduler of one run: goroutines as fibers on one OS thread, the runnable set, the
// virtual clock, the choice stream, failures and teardown. Primitives (sim/*.cc) call it
// through Scheduler::Get(); simulated code never sees it. Internal to sim/.
//
// Control flow: the scheduler loop runs on the thread's own stack. At every scheduling
// point a goroutine switches back to it; the loop asks the strategy to pick among the
// runnable goroutines (ascending id), the due timers (ascending deadline, then sequence)
// and, for a strategy that plays time as an adversary, a clock advance to the next timer;
// records the pick, and switches to the chosen goroutine or fires the timer.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include "sim/access.h"
#include "sim/goroutine.h"
#include "sim/internal/fiber.h"
#include "sim/internal/timer_list.h"
#include "sim/run.h"
#include "sim/strategy.h"
#include "sim/trace.h"

namespace sim::internal {

struct G {
  enum class State : uint8_t { kRunnable, kBlocked, kDone };
  GoroutineId id = 0;
  State state = State::kRunnable;
  bool started = false;
  bool abort = false;     // resumed only to unwind (teardown)
  bool unwinding = false;  // an AbortUnwind was thrown in it (teardown)
  bool stranded = false;  // can never be resumed again; its stack is not reused
  std::string name;
  std::function<void()> fn;
  std::source_location spawn_loc;
  std::source_location where;  // the last scheduling point or blocking call
  const char* blocked_on = nullptr;
  // The access declared at the last scheduling point (sim/access.h).
  AccessKind pending_kind = AccessKind::kNone;
  AccessTag* pending_tag = nullptr;
  // A blocking point's "would block" flag (sim::PendingLock): a sync.Mutex Lock's locked
  // flag, a WaitGroup.Wait's counter-above-zero flag; else nullptr.
  const bool* pending_lock_held = nullptr;
  // A select's "would block" probe (sim::PendingLock): true while no case is ready; set
  // at a select without default, cleared when the select blocks (its continuation after a
  // wake completes a case). Else nullptr.
  bool (*pending_blocks)(const void* arg) = nullptr;
  const void* pending_blocks_arg = nullptr;
  FiberContext fiber;
  FiberStack stack;
};

// Makes a torn-down goroutine whose unwinding reaches a destructor be abandoned instead of
// terminating the process (installed once, process-wide, by the first run).
void InstallTerminateHandler();

// Thrown from a suspended scheduling point to unwind a goroutine at teardown. Simulated
// code must not swallow it (if it does, its next scheduling point throws it again).
struct AbortUnwind {};

class Scheduler {
 public:
  Scheduler(Strategy& strategy, const RunOptions& options, const RunHooks& hooks);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs `main` as goroutine 0 until the run ends; tears everything down before returning.
  RunResult Run(std::function<void()> main);

  // The scheduler of the run in progress on this thread, or nullptr.
  static Scheduler* Get() { return tls_current_; }
  // The scheduler for a primitive called at `loc`; aborts the process outside any run.
  static Scheduler& ForOperation(const char* op, std::source_location loc) {
    Scheduler* s = tls_current_;
    if (s == nullptr) [[unlikely]] NoRun(op, loc);
    return *s;
  }

  // The scheduling point that begins every primitive operation. Returns false when the
  // operation must do nothing: during teardown, or called from a hook (a run failure).
  // At teardown a goroutine paused here is unwound (AbortUnwind is thrown from here).
  // `kind` and `tag` declare what the operation is about to access (sim/access.h).
  bool SchedulingPoint(std::source_location loc, AccessKind kind = AccessKind::kUnknown,
                       AccessTag* tag = nullptr) {
    return Point(loc, /*may_unwind=*/true, kind, tag);
  }
  // The scheduling point of sync.Mutex.Lock: as SchedulingPoint(kMutexLock), and tells
  // strategies whether the Lock would only queue the goroutine (*held: sim::PendingLock).
  bool LockPoint(std::source_location loc, AccessTag* tag, const bool* held) {
    return BlockingPoint(loc, AccessKind::kMutexLock, tag, held);
  }
  // The same for any operation that blocks exactly while *blocks is true (WaitGroup.Wait).
  bool BlockingPoint(std::source_location loc, AccessKind kind, AccessTag* tag,
                     const bool* blocks) {
    return Point(loc, /*may_unwind=*/true, kind, tag, blocks);
  }
  // The scheduling point of a select without default: blocks(arg) is true while the select
  // would only queue its goroutine, unobservably (select.cc), which strategies may ask
  // (sim::PendingLock).
  bool SelectPoint(std::source_location loc, bool (*blocks)(const void*), const void* arg) {
    return Point(loc, /*may_unwind=*/true, AccessKind::kSelect, nullptr, nullptr, blocks, arg);
  }
  // The same for operations that never block and that destructors typically call
  // (Unlock, RUnlock, WaitGroup.Done, close, cancel, Timer.Stop). At teardown they are
  // skipped instead: C++ cannot throw out of a destructor, so the goroutine runs on to its
  // next SchedulingPoint, and is unwound from there.
  bool ReleasePoint(std::source_location loc, AccessKind kind = AccessKind::kUnknown,
                    AccessTag* tag = nullptr) {
    return Point(loc, /*may_unwind=*/false, kind, tag);
  }
  // Notes an access of the running step (only when a strategy listens: sim/access.h).
  void Note(AccessTag* tag, AccessKind kind) {
    if (record_ != nullptr) [[unlikely]] NoteSlow(tag, kind);
  }
  // Note() on the current run's scheduler, if there is one.
  static void NoteInRun(AccessTag* tag, AccessKind kind) {
    if (Scheduler* s = tls_current_; s != nullptr) s->Note(tag, kind);
  }
  // Notes that the running step made `process` runnable (woken, spawned, armed).
  void NoteEnabled(ProcessId process) {
    if (record_ != nullptr) [[unlikely]] record_->enabled.push_back(process);
  }
  // The id of an object in this run (assigned on first use).
  uint32_t ObjectId(AccessTag& tag) { return tag.IdFor(run_serial_, next_object_id_); }
  // The access a candidate declared (see sim::PendingAccess).
  Access PendingOf(const Candidate& c);
  // See sim::PendingLock.
  LockIntent PendingLockOf(const Candidate& c) const;
  // Takes the running goroutine out of the runnable set until Wake() puts it back.
  void Block(const char* what, std::source_location loc);
  [[noreturn]] void BlockForever(const char* what, std::source_location loc);
  void Wake(G* g);
  G* Spawn(std::string name, std::function<void()> fn, std::source_location loc);
  // sim::Fail: from a goroutine it does not return (except during teardown, where failures
  // are ignored); from the scheduler's stack it records the failure and returns.
  void Fail(std::string id, std::string message, std::source_location loc);
  [[noreturn]] void Panic(std::string message, std::source_location loc);
  // A recorded number in [0, bound) from the strategy (bound <= 1: 0, not recorded).
  uint64_t Choose(uint64_t bound, ChoiceKind kind, std::string_view what);

  G* current() const { return current_; }
  // The virtual clock, read by the running step: in a run that plays time as an adversary
  // a clock advance can come between two steps, so a listening strategy (DPOR) is told the
  // step read the clock (an advance writes it).
  Instant now() {
    if (time_adversary_ && record_ != nullptr && current_ != nullptr) [[unlikely]] {
      NoteSlow(&clock_tag_, AccessKind::kSharedRead);
    }
    return now_;
  }
  bool time_adversary() const { return time_adversary_; }
  TimerList& timers() { return timers_; }
  uint64_t run_serial() const { return run_serial_; }
  bool tracing() const { return tracing_; }
  // Appends a trace event (callers check tracing() first).
  void Record(TraceEvent::Kind kind, uint32_t goroutine, std::string category, std::string text,
              std::string location);
  // Goroutines of this run (all, or only those that have not returned).
  std::vector<GoroutineReport> Reports(bool live_only) const;
  // Called by the terminate handler: if the running goroutine is being torn down and
  // AbortUnwind has just hit a frame that may not throw (a destructor), abandons the
  // goroutine there instead of terminating. Returns otherwise.
  void AbandonIfUnwindBlocked();

 private:
  [[noreturn]] static void NoRun(const char* op, std::source_location loc);
  bool Point(std::source_location loc, bool may_unwind, AccessKind kind, AccessTag* tag,
             const bool* lock_held = nullptr, bool (*blocks)(const void*) = nullptr,
             const void* blocks_arg = nullptr) {
    G* g = current_;
    if (g == nullptr || g->abort) [[unlikely]] return InertPoint(loc, may_unwind);
    g->where = loc;
    g->pending_kind = kind;
    g->pending_tag = tag;
    g->pending_lock_held = lock_held;
    g->pending_blocks = blocks;
    g->pending_blocks_arg = blocks_arg;
    SwitchOutOfFiber(scheduler_context_, g->fiber, /*finished=*/false);
    if (g->abort) [[unlikely]] return InertPoint(loc, may_unwind);
    if (record_ != nullptr) [[unlikely]] NoteSlow(tag, kind);
    return true;
  }
  void NoteSlow(AccessTag* tag, AccessKind kind);
  bool InertPoint(std::source_location loc, bool may_unwind);
  // Suspends the running goroutine `g` (inline: see SwitchIntoFiber).
  void SwitchToScheduler(G* g) {
    SwitchOutOfFiber(scheduler_context_, g->fiber, /*finished=*/false);
    if (g->abort) [[unlikely]] UnwindAborted(g);
  }
  // Resumed at teardown: throws AbortUnwind (or strands `g` if it is already unwinding).
  [[noreturn]] void UnwindAborted(G* g);
  [[noreturn]] void ParkAfterFailure(G* g);
  [[noreturn]] void StrandForever(G* g);
  static void FiberEntry(boost::context::detail::transfer_t from);
  void RunBody(G* g);
  void Exit(G* g);

  bool Step();
  bool Quiescent();
  int CurrentIndex(size_t goroutine_candidates) const;
  bool ExecutePick(size_t pick, size_t goroutine_candidates);
  bool ExecuteUnusualPick(size_t pick, size_t goroutine_candidates);
  void RunGoroutine(G* g);
  void StartFiber(G* g);
  void ReleaseStack(G* g);
  void FireTimer(uint32_t seq);
  void AppendClockAdvance();
  void AdvanceClockAndFire(uint32_t seq);
  void AddRunnable(G* g);
  void RemoveRunnable(G* g);
  void CheckCandidatesSortedAndUnique() const;
  void CallHook(const std::function<void()>& hook);

  void RecordFailure(FailureId id, std::string message, std::string location);
  void FailDeadlock();
  void FailBudget();
  void FailStrategyPick(const char* what);
  std::string DescribeGoroutines() const;
  RunResult Finish();
  void Teardown();

  static inline thread_local Scheduler* tls_current_ = nullptr;

  Strategy& strategy_;
  const RunOptions& options_;
  const RunHooks& hooks_;
  const bool tracing_;
  const bool time_adversary_;  // offers clock advances (Strategy::TimeAdversary)
  AccessTag clock_tag_;        // the clock, as an object steps read and advances write
  const uint64_t run_serial_;
  Scheduler* const previous_;  // restored by the destructor
  StepRecord* record_ = nullptr;  // the listening strategy's step record, if any
  uint32_t next_object_id_ = 0;   // AccessTag ids of this run

  std::vector<std::unique_ptr<G>> goroutines_;  // index = id
  std::vector<Candidate> candidates_;  // runnable goroutines by id, then due timers
  std::vector<uint32_t> runnable_changes_;  // AddRunnable/RemoveRunnable since the last pick
  TimerList timers_;
  Instant now_ = Instant::Epoch();
  uint64_t steps_ = 0;
  // The choice stream, recorded into a per-thread buffer that keeps its capacity across
  // runs (fresh memory costs page faults, which dominate long runs on these machines).
  std::vector<Choice>& choices_;
  Trace trace_;

  G* current_ = nullptr;   // the goroutine whose fiber is running, or nullptr
  G* last_run_ = nullptr;  // the goroutine that ran at the last decision
  size_t last_pick_ = 0;   // its index among the candidates of that decision
  FiberContext scheduler_context_;
  bool main_done_ = false;
  bool tearing_down_ = false;

  struct Failure {
    FailureId id;
    std::string message, location;
    G* goroutine = nullptr;
  };
  std::optional<Failure> failure_;
};

}  // namespace sim::internal
