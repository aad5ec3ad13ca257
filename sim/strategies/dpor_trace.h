// The happens-before relation of one execution, for DPOR (dpor.h): each step of the run is
// an event (a process, the accesses its step made, the processes it enabled); vector
// clocks order an event after its process's previous event, after the events that enabled
// its process (a wake, a spawn, an armed timer), after every earlier event it conflicts
// with (sim/access.h), and after every event before a clock advance (time moves on only
// when every goroutine is blocked, so nothing crosses it). From that it finds the races
// (Abdulla et al., POPL 2014): pairs of conflicting events of different processes ordered
// by no other path, whose order could be reversed; and the initials of notdep(e).e' for a
// race (e, e'): the processes that can start an execution reversing it.
//
// Mutexes (Abdulla et al., "Source sets", JACM 2017, section on locks): DPOR never runs a
// sync.Mutex Lock while the mutex is held (dpor.h: it would only queue the goroutine), so
// an acquisition runs only on a free mutex. An acquisition is ordered after the Unlock
// that freed it but does not race with it (it could not have run before it); it races
// with the previous acquisition of the mutex, unless that one happens before it by a
// path other than through that Unlock. Every other access of a mutex (Unlock, TryLock, a
// Lock that had to queue because every goroutine was blocked) is exclusive as before,
// and counts as an acquisition for the next acquisition's race (over-approximating).
//
// WaitGroups (the same idea, dpor.h): a Wait runs while the counter is above zero only
// when every goroutine would block (then it is exclusive, as before). A Wait that returns
// at zero is ordered after every earlier access of the WaitGroup but races only with the
// last Add that raised the counter from zero (kWaitGroupStart, an exclusive access): it
// could have run before that Add (the counter was zero there), and before no later access
// (the counter was above zero until the last Done). A trace with the Wait before some
// other Add from zero is reached by reversing the races between Adds and Dones first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/access.h"

namespace sim::dpor {

class Trace {
 public:
  struct Event {
    ProcessId process = 0;
    uint32_t slot = 0;          // the process's index in vector clocks
    uint32_t seq = 0;           // 1 + the process's earlier events
    size_t node = 0;            // the exploration node where the event was chosen
    std::vector<Access> accesses;
    std::vector<uint32_t> clock;        // by slot
    std::vector<size_t> races;          // earlier events in a race with this one
  };

  void Clear();
  // Drops the events from `n` on, as if only the first n had been added: a run that
  // replays the last run's first n steps (DPOR's prefix) adds only the rest.
  void Truncate(size_t n);
  // Appends the event of `process`, chosen at exploration node `node`, with its step's
  // record. Computes its clock and its races with earlier events. `acquires`: the step
  // began with a Mutex.Lock on a free mutex (its first access), which it acquired.
  void Add(ProcessId process, size_t node, const StepRecord& step, bool acquires = false);
  size_t size() const { return size_; }
  const Event& at(size_t i) const { return events_[i]; }

  // The initials of notdep(i).j in execution order (the race (i, j) must exist). Stops
  // early, returning true, when `stop(process)` is true for an initial.
  template <typename Stop>
  bool Initials(size_t i, size_t j, std::vector<ProcessId>& out, Stop stop) const;

 private:
  // Since the last exclusive access: a group of mutually commuting accesses of one class.
  struct ObjectState {
    int64_t last_exclusive = -1;
    bool last_exclusive_unlocks = false;  // it is a Mutex.Unlock
    int64_t last_acquire = -1;   // the last exclusive access but an Unlock (mutexes)
    int64_t last_start = -1;     // the last Add that raised a WaitGroup from zero
    bool touched = false;        // published in this run (Clear resets it)
    uint8_t group_class = 0;
    std::vector<size_t> group;
  };
  bool HappensBefore(size_t i, const std::vector<uint32_t>& clock) const {
    const Event& e = events_[i];
    return e.slot < clock.size() && clock[e.slot] >= e.seq;
  }
  // What Add changed beyond the event itself, for Truncate (by event index).
  struct Undo {
    uint32_t slots_before = 0;
    int64_t prev_in_slot = -1;                // the process's previous event
    bool advanced_after = false;              // the clock advanced after the event
    std::vector<size_t> enablers_before;      // its process's enablers, cleared by it
    std::vector<uint32_t> enabled_slots;      // slots whose enablers it appended to
    std::vector<std::pair<uint32_t, ObjectState>> objects;  // states before, first
    size_t objects_size = 0;                                // `objects` entries used
  };
  uint32_t SlotOf(ProcessId p);
  static void Join(std::vector<uint32_t>& into, const std::vector<uint32_t>& from);
  void Candidates(const Event& e, std::vector<size_t>& out, std::vector<size_t>& ordered,
                  int64_t* acquire);
  void FindAcquireRace(Event& e, const std::vector<uint32_t>& base,
                       const std::vector<size_t>& cands, int64_t acquire);
  void FindRaces(Event& e, const std::vector<uint32_t>& base, const std::vector<size_t>& cands);
  void Publish(size_t index);

  // Every container keeps its storage from run to run (Clear only marks it unused): a
  // verification adds hundreds of events per run for hundreds of thousands of runs.
  std::vector<Event> events_;  // the first size_ are this run's
  std::vector<Undo> undo_;     // by event
  std::vector<int64_t> last_in_slot_;  // by slot: its last event
  size_t size_ = 0;
  std::vector<ProcessId> slot_process_;                // by slot; the first slots_ are used
  uint32_t slots_ = 0;
  std::vector<std::vector<uint32_t>> process_clock_;   // by slot: after its last event
  std::vector<uint32_t> process_events_;               // by slot
  std::vector<std::vector<size_t>> enablers_;          // by slot: since its last event
  std::vector<ObjectState> objects_;                   // by object id
  std::vector<uint32_t> touched_;                      // ids of the objects published
  std::vector<uint32_t> all_;      // join of every event's clock
  std::vector<uint32_t> barrier_;  // join of every event before the last clock advance
  std::vector<size_t> scratch_;
  std::vector<size_t> ordered_;  // Candidates: ordered before the event, no race
  std::vector<uint32_t> base_;         // Add: the clock being built
  std::vector<uint32_t> acquire_base_; // FindAcquireRace
  std::vector<uint32_t> top_, second_; // FindRaces, by slot
  std::vector<size_t> owner_;
};

template <typename Stop>
bool Trace::Initials(size_t i, size_t j, std::vector<ProcessId>& out, Stop stop) const {
  out.clear();
  // minseq[slot]: seq of the slot's first event in v (0: none yet).
  std::vector<uint32_t> minseq(slots_, 0);
  auto visit = [&](size_t k) {
    const Event& e = events_[k];
    bool initial = minseq[e.slot] == 0;
    for (size_t r = 0; initial && r < minseq.size(); ++r) {
      if (minseq[r] != 0 && r < e.clock.size() && e.clock[r] >= minseq[r]) initial = false;
    }
    if (minseq[e.slot] == 0) minseq[e.slot] = e.seq;
    if (!initial) return false;
    out.push_back(e.process);
    return stop(e.process);
  };
  const Event& first = events_[i];
  for (size_t k = i + 1; k < j; ++k) {
    const Event& e = events_[k];
    if (first.slot < e.clock.size() && e.clock[first.slot] >= first.seq) continue;  // after i
    if (visit(k)) return true;
  }
  return visit(j);
}

}  // namespace sim::dpor
