// Intrusive wait queues and waiter completion (see sim/internal/wait_queue.h).
#include "sim/internal/wait_queue.h"

#include "sim/internal/scheduler.h"

namespace sim::internal {

Waiter::~Waiter() {
  if (queue != nullptr) queue->Remove(this);
}

WaitQueue::~WaitQueue() {
  for (Waiter* w = head_; w != nullptr;) {
    Waiter* next = w->next;
    w->queue = nullptr;
    w->prev = w->next = nullptr;
    w = next;
  }
}

void WaitQueue::PushBack(Waiter* w) {
  w->queue = this;
  w->prev = tail_;
  w->next = nullptr;
  if (tail_ != nullptr) {
    tail_->next = w;
  } else {
    head_ = w;
  }
  tail_ = w;
}

void WaitQueue::PushFront(Waiter* w) {
  w->queue = this;
  w->prev = nullptr;
  w->next = head_;
  if (head_ != nullptr) {
    head_->prev = w;
  } else {
    tail_ = w;
  }
  head_ = w;
}

Waiter* WaitQueue::PopFront() {
  Waiter* w = head_;
  if (w != nullptr) Remove(w);
  return w;
}

void WaitQueue::Remove(Waiter* w) {
  if (w->prev != nullptr) {
    w->prev->next = w->next;
  } else {
    head_ = w->next;
  }
  if (w->next != nullptr) {
    w->next->prev = w->prev;
  } else {
    tail_ = w->prev;
  }
  w->prev = w->next = nullptr;
  w->queue = nullptr;
}

void CompleteWaiter(Waiter* w, bool success) {
  w->success = success;
  if (SelectWait* sel = w->select; sel != nullptr) {
    for (int i = 0; i < sel->count; ++i) {
      Waiter& sibling = sel->waiters[i];
      if (sibling.queue != nullptr) sibling.queue->Remove(&sibling);
      Scheduler::NoteInRun(sibling.tag, AccessKind::kSelect);  // its channel's queue changed
    }
    sel->fired = w->case_index;
  }
  Scheduler::Get()->Wake(w->g);
}

}  // namespace sim::internal
