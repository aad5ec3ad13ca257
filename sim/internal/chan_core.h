// The runtime side of a channel: buffer accounting, closed state and the queues of blocked
// senders and receivers, with Go's hchan algorithm. The typed buffer lives in the ChanBox
// (sim/chan.h); the core moves values through ChanOps without knowing their type.
// The *Now functions complete an operation that is known to be possible, with no
// scheduling point; select and the timers use them.
#pragma once

#include <cstddef>

#include "sim/access.h"
#include "sim/chan.h"
#include "sim/internal/wait_queue.h"

namespace sim::detail {

class ChanCore {
 public:
  ChanCore(size_t capacity, const ChanOps* ops, void* box)
      : capacity(capacity), ops(ops), box(box) {}
  ChanCore(const ChanCore&) = delete;
  ChanCore& operator=(const ChanCore&) = delete;

  const size_t capacity;
  const ChanOps* const ops;
  void* const box;
  size_t count = 0;  // values in the buffer
  bool closed = false;
  // Go's `<-chan T` for a channel nobody can send on: a context's Done (closed, never
  // sent on). A send panics. Nothing but a close makes a receiver waiting on it
  // runnable, so a select waiting on it is unobservable (Scheduler::SelectPoint).
  bool receive_only = false;
  internal::WaitQueue recvq;  // blocked receivers (Waiter::elem: where to store)
  internal::WaitQueue sendq;  // blocked senders (Waiter::elem: the value)
  AccessTag tag;
};

// A send can complete now (or panics now, on a closed channel).
bool ChanSendReady(const ChanCore& c);
// A receive can complete now (a value, or the zero value of a closed channel).
bool ChanRecvReady(const ChanCore& c);
// Completes a send; requires ChanSendReady and an open channel.
void ChanSendNow(ChanCore& c, void* value);
// Completes a receive; requires ChanRecvReady. Returns ok.
bool ChanRecvNow(ChanCore& c, void* dst);
// Go's sendTime: sends if that can complete now, else drops the value.
bool ChanTrySendNow(ChanCore* c, void* value);
// Closes the channel and wakes every blocked goroutine; false if it was already closed.
bool ChanCloseNow(ChanCore& c);

}  // namespace sim::detail
