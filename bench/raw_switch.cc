// The raw fcontext scheduler loop; see raw_switch.h.
#include "raw_switch.h"

#include <cstdlib>
#include <cstring>

namespace bench {

namespace ctx = boost::context::detail;

RawSwitchLoop::RawSwitchLoop(size_t goroutines, uint32_t yields)
    : yields_(yields), fibers_(goroutines) {
  for (Fiber& f : fibers_) {
    f.stack = static_cast<char*>(std::malloc(kStackBytes));
    std::memset(f.stack, 0, kStackBytes);  // pre-fault, as the harness's pooled stacks are
  }
  runnable_.reserve(goroutines);
  trace_.reserve(goroutines * (yields + 1));
}

RawSwitchLoop::~RawSwitchLoop() {
  for (Fiber& f : fibers_) std::free(f.stack);
}

void RawSwitchLoop::Entry(ctx::transfer_t from) {
  auto* f = static_cast<Fiber*>(from.data);
  ctx::fcontext_t scheduler = from.fctx;
  while (f->remaining > 0) {
    --f->remaining;
    scheduler = ctx::jump_fcontext(scheduler, nullptr).fctx;
  }
  f->done = true;
  ctx::jump_fcontext(scheduler, nullptr);
  std::abort();  // never resumed after done
}

uint64_t RawSwitchLoop::Run(uint64_t seed) {
  prng_.Seed(seed);
  trace_.clear();
  runnable_.clear();
  for (uint32_t i = 0; i < fibers_.size(); ++i) {
    Fiber& f = fibers_[i];
    f.context = ctx::make_fcontext(f.stack + kStackBytes, kStackBytes, &Entry);
    f.remaining = yields_;
    f.done = false;
    runnable_.push_back(i);
  }
  uint64_t decisions = 0;
  while (!runnable_.empty()) {
    const size_t pick = prng_.Uniform(runnable_.size());
    const uint32_t id = runnable_[pick];
    trace_.push_back(id);
    Fiber& f = fibers_[id];
    f.context = ctx::jump_fcontext(f.context, &f).fctx;
    ++decisions;
    if (f.done) {
      runnable_[pick] = runnable_.back();
      runnable_.pop_back();
    }
  }
  return decisions;
}

}  // namespace bench
