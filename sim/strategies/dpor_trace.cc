// Vector clocks and race detection for DPOR: see dpor_trace.h.
#include "sim/strategies/dpor_trace.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace sim::dpor {
namespace {

// An event's accesses, one per object, with the commuting class of all of them (0,
// exclusive, if they differ: sim/access.h). Object 0 is the universal object: every event
// reads it; a kUnknown access writes it (so it conflicts with everything).
struct ObjectAccess {
  uint32_t object;
  uint8_t klass;
  bool acquire;  // a Mutex.Lock that acquired the free mutex, or a WaitGroup.Wait that
                 // returned at zero (Trace::Add's `acquires`)
  bool unlock;   // only Mutex.Unlock
  bool start;    // a WaitGroup.Add that raised the counter from zero
};

bool Acquires(AccessKind kind) {
  return kind == AccessKind::kMutexLock || kind == AccessKind::kWaitGroupWait;
}

void Collapse(const std::vector<Access>& accesses, bool acquires,
              std::vector<ObjectAccess>& out) {
  out.clear();
  out.push_back(ObjectAccess{0, 1, false, false, false});
  for (const Access& a : accesses) {
    if (a.kind == AccessKind::kNone) continue;
    const bool unknown = a.kind == AccessKind::kUnknown ||
                         (a.kind == AccessKind::kSelect && a.object == 0);
    const uint32_t object = unknown ? 0 : a.object;
    const uint8_t klass = unknown ? 0 : CommuteClass(a.kind);
    const bool acquire = acquires && &a == &accesses.front() && Acquires(a.kind);
    const bool unlock = a.kind == AccessKind::kMutexUnlock;
    const bool start = a.kind == AccessKind::kWaitGroupStart;
    auto it = std::find_if(out.begin(), out.end(),
                           [object](const ObjectAccess& o) { return o.object == object; });
    if (it == out.end()) {
      out.push_back(ObjectAccess{object, klass, acquire, unlock, start});
      continue;
    }
    if (it->klass != klass) it->klass = 0;
    // A second access of the mutex or WaitGroup in the step (none today for a mutex:
    // Unlock is a point of its own; a Wait's continuation after a wake repeats its access).
    it->acquire = it->acquire && a.kind == AccessKind::kWaitGroupWait;
    it->unlock = it->unlock && unlock;
    it->start = it->start || start;
  }
}

thread_local std::vector<ObjectAccess> tls_collapsed;

}  // namespace

void Trace::Clear() {
  size_ = 0;
  slots_ = 0;
  for (uint32_t id : touched_) {
    ObjectState& o = objects_[id];
    o.group.clear();
    std::vector<size_t> keep = std::move(o.group);
    o = ObjectState{};
    o.group = std::move(keep);
  }
  touched_.clear();
  all_.clear();
  barrier_.clear();
}

void Trace::Truncate(size_t n) {
  if (n == 0) {
    Clear();
    return;
  }
  while (size_ > n) {
    const size_t index = --size_;
    const Event& e = events_[index];
    Undo& u = undo_[index];
    for (auto it = u.enabled_slots.rbegin(); it != u.enabled_slots.rend(); ++it) {
      enablers_[*it].pop_back();
    }
    enablers_[e.slot] = u.enablers_before;
    process_events_[e.slot] = e.seq - 1;
    if (u.prev_in_slot >= 0) {
      process_clock_[e.slot] = events_[static_cast<size_t>(u.prev_in_slot)].clock;
    } else {
      process_clock_[e.slot].clear();
    }
    last_in_slot_[e.slot] = u.prev_in_slot;
    for (size_t k = u.objects_size; k-- > 0;) {
      ObjectState& o = objects_[u.objects[k].first];
      o = u.objects[k].second;
      o.touched = true;  // still listed in touched_; a reset state is inert
    }
    slots_ = u.slots_before;
  }
  all_.clear();
  barrier_.clear();
  for (size_t k = 0; k < n; ++k) {
    Join(all_, events_[k].clock);
    if (undo_[k].advanced_after) barrier_ = all_;
  }
}

uint32_t Trace::SlotOf(ProcessId p) {
  for (uint32_t slot = 0; slot < slots_; ++slot) {
    if (slot_process_[slot] == p) return slot;
  }
  if (slots_ == slot_process_.size()) {
    slot_process_.push_back(p);
    process_clock_.emplace_back();
    process_events_.push_back(0);
    enablers_.emplace_back();
    last_in_slot_.push_back(-1);
  }
  const uint32_t slot = slots_++;
  slot_process_[slot] = p;
  process_clock_[slot].clear();
  process_events_[slot] = 0;
  enablers_[slot].clear();
  last_in_slot_[slot] = -1;
  return slot;
}

void Trace::Join(std::vector<uint32_t>& into, const std::vector<uint32_t>& from) {
  if (into.size() < from.size()) into.resize(from.size(), 0);
  for (size_t k = 0; k < from.size(); ++k) into[k] = std::max(into[k], from[k]);
}

// The earlier events this one conflicts with directly: per object, the last exclusive
// access, and the group since unless this access is of the group's class. Other
// processes only (program order covers its own). For a mutex this event acquires (see
// dpor_trace.h): the Unlock that freed it goes to `ordered` (ordered before, no race) and
// the previous acquisition to *acquire (a race unless ordered by another path). For a
// WaitGroup.Wait that returns at zero: every access since the last Add from zero goes to
// `ordered`, and that Add to *acquire.
void Trace::Candidates(const Event& e, std::vector<size_t>& out, std::vector<size_t>& ordered,
                       int64_t* acquire) {
  out.clear();
  ordered.clear();
  *acquire = -1;
  for (const ObjectAccess& a : tls_collapsed) {
    if (a.object >= objects_.size() || !objects_[a.object].touched) continue;
    const ObjectState& o = objects_[a.object];
    if (a.acquire && o.last_start >= 0) {  // a Wait at zero (a mutex has no start)
      if (events_[o.last_start].slot != e.slot) *acquire = o.last_start;
      if (o.last_exclusive >= 0) ordered.push_back(static_cast<size_t>(o.last_exclusive));
      ordered.insert(ordered.end(), o.group.begin(), o.group.end());
      continue;
    }
    if (a.acquire && o.last_exclusive_unlocks) {
      ordered.push_back(static_cast<size_t>(o.last_exclusive));
      if (o.last_acquire >= 0 && events_[o.last_acquire].slot != e.slot) *acquire = o.last_acquire;
    } else if (o.last_exclusive >= 0) {
      out.push_back(static_cast<size_t>(o.last_exclusive));
    }
    if (a.klass == 0 || a.klass != o.group_class) {
      out.insert(out.end(), o.group.begin(), o.group.end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](size_t i) { return events_[i].slot == e.slot; }),
            out.end());
}

// The acquisition race: the previous acquisition races with `e` unless it happens before
// `e` by a path other than the Unlock that freed the mutex (`base` leaves that out).
void Trace::FindAcquireRace(Event& e, const std::vector<uint32_t>& base,
                            const std::vector<size_t>& cands, int64_t acquire) {
  acquire_base_.assign(base.begin(), base.end());
  for (size_t k : cands) Join(acquire_base_, events_[k].clock);
  if (!HappensBefore(static_cast<size_t>(acquire), acquire_base_)) {
    e.races.push_back(static_cast<size_t>(acquire));
  }
}

// A candidate races with `e` unless it happens before `e` through another path: its
// process's earlier events, the events that enabled it, a clock advance, or another
// candidate. For the last, per slot the largest and second largest entry over the
// candidates' clocks give, for each candidate, the join of all the others at its own slot
// (linear in the candidates, which a kUnknown step makes every event since the last one).
void Trace::FindRaces(Event& e, const std::vector<uint32_t>& base,
                      const std::vector<size_t>& cands) {
  std::vector<uint32_t>& top = top_;        // by slot: largest entry over the candidates' clocks
  std::vector<uint32_t>& second = second_;  // by slot: largest entry over all but top's owner
  std::vector<size_t>& owner = owner_;      // by slot: the candidate whose clock holds top
  top.clear();
  second.clear();
  owner.clear();
  for (size_t k : cands) {
    const std::vector<uint32_t>& c = events_[k].clock;
    if (top.size() < c.size()) {
      top.resize(c.size(), 0);
      second.resize(c.size(), 0);
      owner.resize(c.size(), SIZE_MAX);
    }
    for (size_t slot = 0; slot < c.size(); ++slot) {
      if (c[slot] > top[slot]) {
        second[slot] = top[slot];
        top[slot] = c[slot];
        owner[slot] = k;
      } else if (c[slot] > second[slot]) {
        second[slot] = c[slot];
      }
    }
  }
  for (size_t i : cands) {
    if (HappensBefore(i, base)) continue;
    const Event& ev = events_[i];
    const uint32_t others =
        ev.slot >= top.size() ? 0 : (owner[ev.slot] == i ? second[ev.slot] : top[ev.slot]);
    if (others < ev.seq) e.races.push_back(i);
  }
}

void Trace::Add(ProcessId process, size_t node, const StepRecord& step, bool acquires) {
  const size_t index = size_;
  if (index == events_.size()) {
    events_.emplace_back();
    undo_.emplace_back();
  }
  Event& e = events_[index];
  Undo& u = undo_[index];
  u.slots_before = slots_;
  u.enabled_slots.clear();
  u.objects_size = 0;
  u.advanced_after = step.clock_advanced_after;
  e.races.clear();
  e.process = process;
  e.slot = SlotOf(process);
  u.prev_in_slot = last_in_slot_[e.slot];
  last_in_slot_[e.slot] = static_cast<int64_t>(index);
  e.seq = ++process_events_[e.slot];
  e.node = node;
  e.accesses.assign(step.accesses.begin(), step.accesses.end());
  Collapse(step.accesses, acquires, tls_collapsed);

  std::vector<uint32_t>& base = base_;
  base.assign(process_clock_[e.slot].begin(), process_clock_[e.slot].end());
  Join(base, barrier_);
  for (size_t k : enablers_[e.slot]) Join(base, events_[k].clock);
  int64_t acquire = -1;
  Candidates(e, scratch_, ordered_, &acquire);
  if (acquire >= 0) FindAcquireRace(e, base, scratch_, acquire);
  for (size_t k : ordered_) Join(base, events_[k].clock);
  FindRaces(e, base, scratch_);

  e.clock.assign(base.begin(), base.end());
  for (size_t k : scratch_) Join(e.clock, events_[k].clock);
  if (acquire >= 0) Join(e.clock, events_[acquire].clock);
  if (e.clock.size() <= e.slot) e.clock.resize(e.slot + 1, 0);
  e.clock[e.slot] = e.seq;
  ++size_;
  Publish(index);

  for (ProcessId p : step.enabled) {
    const uint32_t slot = SlotOf(p);
    enablers_[slot].push_back(index);
    u.enabled_slots.push_back(slot);
  }
  if (step.clock_advanced_after) barrier_ = all_;
}

// Makes event `index` the latest access of its objects and of its process.
void Trace::Publish(size_t index) {
  const Event& e = events_[index];
  Undo& u = undo_[index];
  process_clock_[e.slot] = e.clock;
  u.enablers_before = enablers_[e.slot];
  enablers_[e.slot].clear();
  Join(all_, e.clock);
  for (const ObjectAccess& a : tls_collapsed) {
    if (a.object >= objects_.size()) objects_.resize(a.object + 1);
    ObjectState& o = objects_[a.object];
    if (!o.touched) {
      o.touched = true;
      touched_.push_back(a.object);
    }
    if (u.objects_size == u.objects.size()) u.objects.emplace_back();
    u.objects[u.objects_size].first = a.object;
    u.objects[u.objects_size++].second = o;
    if (a.start) o.last_start = static_cast<int64_t>(index);
    if (a.klass == 0) {
      o.last_exclusive = static_cast<int64_t>(index);
      o.last_exclusive_unlocks = a.unlock;
      if (!a.unlock) o.last_acquire = static_cast<int64_t>(index);
      o.group.clear();
      o.group_class = 0;
    } else if (a.klass == o.group_class) {
      o.group.push_back(index);
    } else {  // a new group; the old one happens before it
      o.group.assign(1, index);
      o.group_class = a.klass;
    }
  }
}

}  // namespace sim::dpor
