// The sorted list of armed timers (see sim/internal/timer_list.h). Runs hold few timers at
// once (tens), so a sorted vector beats a heap: due timers are a prefix of it.
#include "sim/internal/timer_list.h"

#include "sim/internal/scheduler.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "sim/check.h"

namespace sim::internal {

void TimerList::Arm(std::shared_ptr<TimerState> t, Instant when) {
  if (t->armed) Disarm(t.get());
  if (Scheduler* s = Scheduler::Get()) {
    s->Note(&t->tag, AccessKind::kTimer);
    s->NoteEnabled(kTimerChoiceBase + t->seq);  // its firing happens after this step
  }
  t->armed = true;
  t->when = when;
  Entry e{when.nanoseconds(), t->seq, std::move(t)};
  auto pos = std::upper_bound(entries_.begin(), entries_.end(), e, [](const Entry& a, const Entry& b) {
    return a.when_ns != b.when_ns ? a.when_ns < b.when_ns : a.seq < b.seq;
  });
  entries_.insert(pos, std::move(e));
}

bool TimerList::Disarm(TimerState* t) {
  Scheduler::NoteInRun(&t->tag, AccessKind::kTimer);
  if (!t->armed) return false;
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [t](const Entry& e) { return e.timer.get() == t; });
  POOLCHECK_CHECK(it != entries_.end(), "an armed timer is missing from the timer list");
  t->armed = false;
  entries_.erase(it);
  return true;
}

void TimerList::AppendDue(Instant now, std::vector<Candidate>& out) const {
  for (const Entry& e : entries_) {
    if (e.when_ns > now.nanoseconds()) break;
    out.push_back(Candidate{Candidate::Kind::kTimer, e.seq});
  }
}

std::shared_ptr<TimerState> TimerList::Take(uint32_t seq) {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [seq](const Entry& e) { return e.seq == seq; });
  if (it == entries_.end()) return nullptr;
  std::shared_ptr<TimerState> t = std::move(it->timer);
  Scheduler::NoteInRun(&t->tag, AccessKind::kTimer);
  entries_.erase(it);
  t->armed = false;
  return t;
}

void TimerList::Clear() {
  std::vector<Entry> entries = std::move(entries_);
  entries_.clear();
  // Disarm all first: dropping a callback can destroy a context that stops its timer.
  for (Entry& e : entries) e.timer->armed = false;
  for (Entry& e : entries) {
    e.timer->fn = nullptr;
    e.timer->sleeper = nullptr;
  }
  next_seq_ = 0;
}

}  // namespace sim::internal
