// Channels (see sim/chan.h and sim/internal/chan_core.h): send, receive and close with
// Go's semantics. A value goes straight to a blocked receiver when there is one (an
// unbuffered send is a rendezvous), else into the buffer, else the sender blocks.
#include <memory>

#include "sim/internal/chan_core.h"
#include "sim/internal/scheduler.h"

namespace sim::detail {

using internal::CompleteWaiter;
using internal::Scheduler;
using internal::Waiter;

std::shared_ptr<ChanCore> NewChanCore(size_t capacity, const ChanOps* ops, void* box) {
  return std::make_shared<ChanCore>(capacity, ops, box);
}

bool ChanSendReady(const ChanCore& c) {
  return c.closed || !c.recvq.empty() || c.count < c.capacity;
}

bool ChanRecvReady(const ChanCore& c) {
  return c.count > 0 || !c.sendq.empty() || c.closed;
}

void ChanSendNow(ChanCore& c, void* value) {
  Scheduler::NoteInRun(&c.tag, AccessKind::kChanSend);
  if (Waiter* receiver = c.recvq.PopFront()) {
    c.ops->move_to(receiver->elem, value);
    CompleteWaiter(receiver, true);
    return;
  }
  c.ops->buf_push(c.box, value);
  ++c.count;
}

bool ChanRecvNow(ChanCore& c, void* dst) {
  Scheduler::NoteInRun(&c.tag, AccessKind::kChanRecv);
  if (Waiter* sender = c.sendq.PopFront()) {
    if (c.capacity == 0) {
      c.ops->move_to(dst, sender->elem);
    } else {  // the buffer is full: take its head, append the sender's value
      c.ops->buf_pop(c.box, dst);
      c.ops->buf_push(c.box, sender->elem);
    }
    CompleteWaiter(sender, true);
    return true;
  }
  if (c.count > 0) {
    c.ops->buf_pop(c.box, dst);
    --c.count;
    return true;
  }
  c.ops->set_zero(dst);  // closed and drained
  return false;
}

bool ChanTrySendNow(ChanCore* c, void* value) {
  if (c == nullptr) return false;
  Scheduler::NoteInRun(&c->tag, AccessKind::kChanSend);
  if (c->closed || !ChanSendReady(*c)) return false;
  ChanSendNow(*c, value);
  return true;
}

bool ChanCloseNow(ChanCore& c) {
  Scheduler::NoteInRun(&c.tag, AccessKind::kChanClose);
  if (c.closed) return false;
  c.closed = true;
  while (Waiter* receiver = c.recvq.PopFront()) {
    if (receiver->elem != nullptr) c.ops->set_zero(receiver->elem);
    CompleteWaiter(receiver, false);
  }
  while (Waiter* sender = c.sendq.PopFront()) CompleteWaiter(sender, false);
  return true;
}

void ChanSend(ChanCore* core, void* value, std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("channel send", loc);
  if (!s.SchedulingPoint(loc, AccessKind::kChanSend, &core->tag)) return;
  if (core->receive_only) s.Panic("send on a receive-only channel", loc);
  if (core->closed) s.Panic("send on closed channel", loc);
  if (ChanSendReady(*core)) {
    ChanSendNow(*core, value);
    return;
  }
  Waiter w(s.current());
  w.elem = value;
  core->sendq.PushBack(&w);
  s.Block("chan send", loc);
  if (!w.success) s.Panic("send on closed channel", loc);
}

bool ChanRecv(ChanCore* core, void* dst, std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("channel receive", loc);
  if (!s.SchedulingPoint(loc, AccessKind::kChanRecv, &core->tag)) {
    core->ops->set_zero(dst);
    return false;
  }
  if (ChanRecvReady(*core)) return ChanRecvNow(*core, dst);
  Waiter w(s.current());
  w.elem = dst;
  core->recvq.PushBack(&w);
  s.Block("chan receive", loc);
  return w.success;
}

void ChanClose(ChanCore* core, std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("channel close", loc);
  if (!s.ReleasePoint(loc, AccessKind::kChanClose, core != nullptr ? &core->tag : nullptr)) {
    return;
  }
  if (core == nullptr) s.Panic("close of nil channel", loc);
  if (!ChanCloseNow(*core)) s.Panic("close of closed channel", loc);
}

size_t ChanLen(const ChanCore* core) {
  // Checkers read lengths from hooks, outside any step: only a running step notes.
  if (Scheduler* s = Scheduler::Get(); s != nullptr && s->current() != nullptr) {
    s->Note(&const_cast<ChanCore*>(core)->tag, AccessKind::kChanLen);
  }
  return core->count;
}
size_t ChanCap(const ChanCore* core) { return core->capacity; }

void BlockForever(const char* what, std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation(what, loc);
  if (!s.SchedulingPoint(loc, AccessKind::kNone)) {
    // Teardown: a primitive that can never complete cannot be a no-op either.
    s.Panic(what, loc);
  }
  s.BlockForever(what, loc);
}

}  // namespace sim::detail
