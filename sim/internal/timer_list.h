// The armed timers of one run, ordered by (deadline, creation sequence): the source of the
// virtual clock's next instant and of the timer candidates offered at each scheduling
// decision. A timer's creation sequence number is its candidate id.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <vector>

#include "sim/access.h"
#include "sim/chan.h"
#include "sim/strategy.h"
#include "sim/time.h"

namespace sim::internal {
struct G;
}  // namespace sim::internal

namespace sim::detail {

// What firing does: Go's sendTime (NewTimer/After), goFunc (AfterFunc), or waking a
// goroutine in Sleep.
struct TimerState {
  enum class Kind : uint8_t { kSendTime, kRunFunc, kWakeSleeper };
  Kind kind = Kind::kSendTime;
  uint32_t seq = 0;
  uint64_t run_serial = 0;  // the run that made it; in any other run it is inert
  bool armed = false;
  Instant when;
  std::source_location created_at;
  Chan<Instant> ch;                 // kSendTime
  std::function<void()> fn;         // kRunFunc
  std::string goroutine_name;       // kRunFunc: name of the goroutine that runs fn
  internal::G* sleeper = nullptr;   // kWakeSleeper
  AccessTag tag;
};

}  // namespace sim::detail

namespace sim::internal {

using detail::TimerState;

class TimerList {
 public:
  uint32_t NextSeq() { return next_seq_++; }

  // Arms `t` to fire at `when`. The list keeps it alive while armed.
  void Arm(std::shared_ptr<TimerState> t, Instant when);
  // Disarms `t`; returns whether it was armed.
  bool Disarm(TimerState* t);

  bool empty() const { return entries_.empty(); }
  Instant earliest() const { return Instant::FromNanoseconds(entries_.front().when_ns); }
  // The sequence number of the timer that fires first (the list is not empty).
  uint32_t earliest_seq() const { return entries_.front().seq; }
  bool HasDue(Instant now) const {
    return !entries_.empty() && entries_.front().when_ns <= now.nanoseconds();
  }
  // Appends one candidate per due timer, in (deadline, sequence) order.
  void AppendDue(Instant now, std::vector<Candidate>& out) const;
  // Disarms the armed timer with sequence `seq` and returns it.
  std::shared_ptr<TimerState> Take(uint32_t seq);
  // Disarms every timer and drops their callbacks (which may hold contexts that hold the
  // timer: dropping them breaks such cycles at the end of a run).
  void Clear();

 private:
  struct Entry {
    int64_t when_ns;
    uint32_t seq;
    std::shared_ptr<TimerState> timer;
  };
  std::vector<Entry> entries_;  // sorted by (when_ns, seq)
  uint32_t next_seq_ = 0;
};

}  // namespace sim::internal
