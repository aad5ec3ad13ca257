// Access annotations (see sim/access.h): the conflict relation and the entry points for
// strategies and for harness code that shares state outside sim primitives.
#include "sim/access.h"

#include "sim/internal/scheduler.h"
#include "sim/observe.h"
#include "sim/run.h"

namespace sim {
namespace {
thread_local int tls_observer_depth = 0;
}  // namespace

ObserverScope::ObserverScope() { ++tls_observer_depth; }
ObserverScope::~ObserverScope() { --tls_observer_depth; }
bool Observing() { return tls_observer_depth > 0; }

bool IsReadOnly(AccessKind kind) {
  switch (kind) {
    case AccessKind::kChanLen:
    case AccessKind::kAtomicRead:
    case AccessKind::kSharedRead:
      return true;
    default:
      return false;
  }
}

uint8_t CommuteClass(AccessKind kind) {
  if (IsReadOnly(kind)) return 1;
  switch (kind) {
    case AccessKind::kRLock: return 2;
    case AccessKind::kRUnlock: return 3;
    case AccessKind::kWaitGroupAdd: return 4;
    case AccessKind::kWaitGroupDone: return 5;
    case AccessKind::kAtomicAdd: return 6;
    default: return 0;
  }
}

const char* AccessKindName(AccessKind kind) {
  switch (kind) {
    case AccessKind::kNone: return "none";
    case AccessKind::kUnknown: return "unknown";
    case AccessKind::kMutexLock: return "mutex lock";
    case AccessKind::kMutexUnlock: return "mutex unlock";
    case AccessKind::kRLock: return "rwmutex rlock";
    case AccessKind::kRUnlock: return "rwmutex runlock";
    case AccessKind::kChanSend: return "chan send";
    case AccessKind::kChanRecv: return "chan receive";
    case AccessKind::kChanClose: return "chan close";
    case AccessKind::kChanLen: return "chan len";
    case AccessKind::kSelect: return "select";
    case AccessKind::kAtomicRead: return "atomic read";
    case AccessKind::kAtomicWrite: return "atomic write";
    case AccessKind::kAtomicAdd: return "atomic add";
    case AccessKind::kWaitGroupAdd: return "waitgroup add";
    case AccessKind::kWaitGroupDone: return "waitgroup done";
    case AccessKind::kWaitGroupWait: return "waitgroup wait";
    case AccessKind::kWaitGroupStart: return "waitgroup start";
    case AccessKind::kContext: return "context";
    case AccessKind::kTimer: return "timer";
    case AccessKind::kSharedRead: return "shared read";
    case AccessKind::kSharedWrite: return "shared write";
  }
  return "?";
}

bool Conflicts(const Access& a, const Access& b) {
  if (a.kind == AccessKind::kNone || b.kind == AccessKind::kNone) return false;
  // Unknown, and a select's pending access (which names no single channel), conflict
  // with everything.
  auto everything = [](const Access& x) {
    return x.kind == AccessKind::kUnknown || (x.kind == AccessKind::kSelect && x.object == 0);
  };
  if (everything(a) || everything(b)) return true;
  if (a.object != b.object) return false;
  const uint8_t ca = CommuteClass(a.kind);
  return ca == 0 || ca != CommuteClass(b.kind);
}

ProcessId ProcessOf(const Candidate& c) {
  return c.kind == Candidate::Kind::kGoroutine ? c.id : kTimerChoiceBase + c.id;
}

Access PendingAccess(const Candidate& c) {
  internal::Scheduler* s = internal::Scheduler::Get();
  return s != nullptr ? s->PendingOf(c) : Access{};
}

LockIntent PendingLock(const Candidate& c) {
  internal::Scheduler* s = internal::Scheduler::Get();
  return s != nullptr ? s->PendingLockOf(c) : LockIntent{};
}

void NoteSharedAccess(AccessTag& tag, bool write) {
  internal::Scheduler* s = internal::Scheduler::Get();
  if (s == nullptr) return;
  s->Note(&tag, write ? AccessKind::kSharedWrite : AccessKind::kSharedRead);
}

}  // namespace sim
