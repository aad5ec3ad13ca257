// Wait queues: the runtime's equivalent of Go's sudog lists. A Waiter lives on the blocked
// goroutine's own stack for the duration of one blocking operation and is linked into the
// queue of the object it waits on (a channel's senders or receivers, a mutex's waiters...).
// Either side may go away first: a Waiter unlinks itself when destroyed (a goroutine torn
// down mid-wait), and a queue detaches its Waiters when destroyed, so no run leaves
// dangling links behind for the next one.
#pragma once

#include "sim/access.h"

namespace sim::internal {

struct G;
class WaitQueue;
struct SelectWait;

struct Waiter {
  Waiter() = default;
  explicit Waiter(G* waiting) : g(waiting) {}
  ~Waiter();
  Waiter(const Waiter&) = delete;
  Waiter& operator=(const Waiter&) = delete;

  G* g = nullptr;
  WaitQueue* queue = nullptr;  // the queue this Waiter is linked into, if any
  Waiter* prev = nullptr;
  Waiter* next = nullptr;
  // Channel operations: the value to send, or where to store a received one.
  void* elem = nullptr;
  // Set by whoever completes the wait: true for a value transferred, false for a close.
  bool success = false;
  // Set for one case of a blocked select.
  SelectWait* select = nullptr;
  int case_index = -1;
  AccessTag* tag = nullptr;  // a select case's channel, noted when a sibling completes
};

// A FIFO of Waiters (intrusive, no allocation).
class WaitQueue {
 public:
  WaitQueue() = default;
  ~WaitQueue();
  WaitQueue(const WaitQueue&) = delete;
  WaitQueue& operator=(const WaitQueue&) = delete;

  bool empty() const { return head_ == nullptr; }
  Waiter* front() const { return head_; }
  void PushBack(Waiter* w);
  void PushFront(Waiter* w);
  // Unlinks and returns the first Waiter, or nullptr.
  Waiter* PopFront();
  void Remove(Waiter* w);

 private:
  Waiter* head_ = nullptr;
  Waiter* tail_ = nullptr;
};

// A blocked select: one Waiter per non-nil case, all completed together.
struct SelectWait {
  Waiter* waiters = nullptr;  // array of `count`
  int count = 0;
  int fired = -1;  // the case that completed the select
};

// Completes a Waiter already unlinked from its queue: records the outcome, withdraws the
// other cases of its select (if any) from their queues, and makes its goroutine runnable.
void CompleteWaiter(Waiter* w, bool success);

}  // namespace sim::internal
