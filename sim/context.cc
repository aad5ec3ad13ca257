// Go's context package (see sim/context.h), following context.go's cancelCtx and
// timerCtx: a cancelable context registers with its nearest cancelable parent, cancel
// closes Done, records Err and cancels every child (synchronously, or, in a run that plays
// time as an adversary, one child at a time: see CancelChildren), and a deadline is a
// timer whose callback runs in its own goroutine ("context deadline"). The timer's
// callback holds the context weakly: a context nobody references any more cannot be
// observed, and a strong reference would be a cycle (context -> timer -> callback).
#include "sim/context.h"

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "sim/choice.h"
#include "sim/internal/chan_core.h"
#include "sim/internal/func_timer.h"
#include "sim/internal/scheduler.h"
#include "sim/internal/timer_list.h"

namespace sim {

namespace detail {
struct ContextState : std::enable_shared_from_this<ContextState> {
  ~ContextState();

  std::shared_ptr<ContextState> parent;  // keeps ancestors alive
  bool cancelable = false;               // false only for Background
  bool registered = false;               // listed in parent->children
  std::vector<ContextState*> children;   // each child unlists itself when destroyed
  Chan<Unit> done;                       // nil for Background
  absl::Status err;                      // OK until done
  std::optional<Instant> deadline;
  std::shared_ptr<TimerState> timer;     // the deadline timer, while armed
  AccessTag tag;
  // With a deadline timer: what its callback reads when it finds whether the context
  // still exists (the weak_ptr below). Destroying the context writes it, so the callback
  // conflicts with the step that dropped the context (sim/access.h) even when it then
  // finds nothing to cancel; it outlives the context, held by the callback.
  std::shared_ptr<AccessTag> alive;
};

// A step touches a cancelable context (Background never changes, so it is not noted).
void NoteContext(ContextState* c) {
  if (c != nullptr && c->cancelable) internal::Scheduler::NoteInRun(&c->tag, AccessKind::kContext);
}
}  // namespace detail

namespace {

using detail::ContextState;
using internal::Scheduler;

void Unregister(ContextState* c) {
  if (!c->registered) return;
  detail::NoteContext(c->parent.get());
  auto& siblings = c->parent->children;
  siblings.erase(std::find(siblings.begin(), siblings.end(), c));
  c->registered = false;
}

void CancelState(ContextState* c, bool remove_from_parent, const absl::Status& err);

// Go's loop over c.children in cancelCtx.cancel. Go ranges over a map and takes each
// child's lock, so another goroutine can run between two children and see one done and
// its sibling not yet. A run that plays time as an adversary (sim::TimeAdversary) models
// that: the next child is a recorded choice and each is a scheduling point. Other runs
// keep the model older tokens recorded: every child at once, in registration order.
void CancelChildren(std::vector<ContextState*> children, const absl::Status& err) {
  for (ContextState* child : children) child->registered = false;
  if (children.empty() || !TimeAdversary()) {
    for (ContextState* child : children) CancelState(child, /*remove_from_parent=*/false, err);
    return;
  }
  // Held strongly: an owner may drop a child while this goroutine waits (Go's map holds it).
  std::vector<std::shared_ptr<ContextState>> held;
  for (ContextState* child : children) {
    if (std::shared_ptr<ContextState> live = child->weak_from_this().lock()) held.push_back(live);
  }
  const auto loc = std::source_location::current();
  while (!held.empty()) {
    const uint64_t k = ChooseIndex(held.size(), "context: next child to cancel");
    std::shared_ptr<ContextState> child = std::move(held[k]);
    held.erase(held.begin() + static_cast<std::ptrdiff_t>(k));
    Scheduler::ForOperation("context cancel", loc).ReleasePoint(loc, AccessKind::kContext,
                                                                 &child->tag);
    CancelState(child.get(), /*remove_from_parent=*/false, err);
  }
}

// Go's cancelCtx.cancel: no scheduling point (callers have had theirs), except between
// children in a run that plays time as an adversary (CancelChildren).
void CancelState(ContextState* c, bool remove_from_parent, const absl::Status& err) {
  detail::NoteContext(c);
  if (!c->err.ok()) return;
  c->err = err;
  detail::ChanCloseNow(*c->done.core());
  std::vector<ContextState*> children = std::move(c->children);
  c->children.clear();
  CancelChildren(std::move(children), err);
  if (remove_from_parent) Unregister(c);
  if (c->timer != nullptr) {
    internal::StopTimerNow(c->timer.get());
    c->timer.reset();
  }
}

// What creating a child of `parent` touches: the parent, if it is cancelable.
AccessTag* ParentTag(const Context& parent) {
  const std::shared_ptr<ContextState>& p = parent.state();
  return p != nullptr && p->cancelable ? &p->tag : nullptr;
}

// Go's newCancelCtx + propagateCancel.
std::shared_ptr<ContextState> NewCancelable(const Context& parent) {
  auto c = std::make_shared<ContextState>();
  c->cancelable = true;
  c->done = Chan<Unit>::Make(0);
  c->done.core()->receive_only = true;  // Go's Done() is a `<-chan struct{}`
  c->deadline = parent.Deadline();
  const std::shared_ptr<ContextState>& p = parent.state();
  if (p == nullptr || !p->cancelable) return c;
  detail::NoteContext(p.get());
  c->parent = p;
  if (!p->err.ok()) {
    CancelState(c.get(), /*remove_from_parent=*/false, p->err);
  } else {
    p->children.push_back(c.get());
    c->registered = true;
  }
  return c;
}

CancelFunc MakeCancelFunc(std::shared_ptr<ContextState> c, std::source_location loc) {
  return [c = std::move(c), loc]() {
    Scheduler& s = Scheduler::ForOperation("context.CancelFunc", loc);
    if (!s.ReleasePoint(loc, AccessKind::kContext, &c->tag)) return;
    CancelState(c.get(), /*remove_from_parent=*/true, Canceled());
  };
}

}  // namespace

detail::ContextState::~ContextState() {
  if (alive != nullptr) Scheduler::NoteInRun(alive.get(), AccessKind::kContext);
  Unregister(this);
}

absl::Status Canceled() { return absl::CancelledError("context canceled"); }
absl::Status DeadlineExceeded() { return absl::DeadlineExceededError("context deadline exceeded"); }

Context Context::Background() {
  static const std::shared_ptr<ContextState> background = std::make_shared<ContextState>();
  return Context(background);
}

Chan<Unit> Context::Done() const { return state_ ? state_->done : Chan<Unit>(); }
absl::Status Context::Err() const {
  if (!state_) return absl::OkStatus();
  detail::NoteContext(state_.get());
  return state_->err;
}
std::optional<Instant> Context::Deadline() const {
  return state_ ? state_->deadline : std::nullopt;
}

std::pair<Context, CancelFunc> WithCancel(const Context& parent, std::source_location loc) {
  AccessTag* parent_tag = ParentTag(parent);
  Scheduler::ForOperation("context.WithCancel", loc)
      .SchedulingPoint(loc, AccessKind::kContext, parent_tag);
  std::shared_ptr<ContextState> c = NewCancelable(parent);
  return {Context(c), MakeCancelFunc(c, loc)};
}

std::pair<Context, CancelFunc> WithDeadline(const Context& parent, Instant deadline,
                                            std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("context.WithDeadline", loc);
  AccessTag* parent_tag = ParentTag(parent);
  const bool active = s.SchedulingPoint(loc, AccessKind::kContext, parent_tag);
  std::shared_ptr<ContextState> c = NewCancelable(parent);
  if (c->deadline && *c->deadline < deadline) return {Context(c), MakeCancelFunc(c, loc)};
  c->deadline = deadline;
  const Duration remaining = deadline.Sub(s.now());
  if (remaining <= Duration::Zero()) {
    CancelState(c.get(), /*remove_from_parent=*/true, DeadlineExceeded());
  } else if (active && c->err.ok()) {
    std::weak_ptr<ContextState> weak = c;
    c->alive = std::make_shared<AccessTag>();
    c->timer = internal::ArmFuncTimer(
        remaining,
        [weak, alive = c->alive] {
          Scheduler::NoteInRun(alive.get(), AccessKind::kContext);
          if (std::shared_ptr<ContextState> live = weak.lock()) {
            CancelState(live.get(), /*remove_from_parent=*/true, DeadlineExceeded());
          }
        },
        "context deadline", loc);
  }
  return {Context(c), MakeCancelFunc(c, loc)};
}

std::pair<Context, CancelFunc> WithTimeout(const Context& parent, Duration timeout,
                                           std::source_location loc) {
  return WithDeadline(parent, Now().Add(timeout), loc);
}

}  // namespace sim
