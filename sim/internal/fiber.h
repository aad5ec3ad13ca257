// Fibers for goroutines: a pool of guard-paged stacks reused across runs (a fresh mmap costs
// ~55us on these machines, a pooled stack nothing), and the one place that switches
// between the scheduler's stack and a goroutine's, with the AddressSanitizer annotations a
// sanitizer build needs around every switch. Internal to sim/.
#pragma once

#include <boost/context/detail/fcontext.hpp>
#include <cstddef>
#include <vector>

#ifdef POOLCHECK_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

namespace sim::internal {

// One fiber stack: [base, base + size) is usable; a PROT_NONE guard page sits below base.
struct FiberStack {
  char* base = nullptr;
  size_t size = 0;
};

// Stacks of one size, owned by the thread that runs simulations; never returned to the OS
// until the thread exits. Acquire is O(1) after the first run has warmed the pool.
class StackPool {
 public:
  explicit StackPool(size_t stack_bytes) : stack_bytes_(stack_bytes) {}
  ~StackPool();
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  FiberStack Acquire();
  void Release(FiberStack stack) { free_.push_back(stack); }
  // Gives up a stack holding frames that will never run again: it is never reused or
  // unmapped, and (sanitizer builds) LeakSanitizer scans it, so the objects those frames
  // own are not reported as leaks.
  void Abandon(FiberStack stack);
  size_t stack_bytes() const { return stack_bytes_; }

 private:
  size_t stack_bytes_;
  std::vector<FiberStack> free_;
  std::vector<FiberStack> all_;
};

// The stack size used for goroutines: 128 KiB (512 KiB under sanitizers, whose frames are
// larger). SetFiberStackBytes changes it for runs started later on this thread.
size_t FiberStackBytes();
void SetFiberStackBytes(size_t bytes);
StackPool& ThreadStackPool();

// A suspended execution context plus the sanitizer bookkeeping of its stack.
struct FiberContext {
  boost::context::detail::fcontext_t fctx = nullptr;
  const void* stack_bottom = nullptr;  // lowest usable address (sanitizer annotations)
  size_t stack_size = 0;
  void* fake_stack = nullptr;          // ASan fake-stack handle while suspended
};

// Prepares `fiber` to start running entry(transfer) on `stack` when first switched to.
void MakeFiber(FiberContext& fiber, const FiberStack& stack,
               void (*entry)(boost::context::detail::transfer_t));

// Switches from the scheduler's stack into `fiber`; returns when the fiber switches back.
// `scheduler` is the scheduler's own context, updated by the fiber side. Inline: every
// call frame returned through after a switch costs a mispredicted return.
inline void SwitchIntoFiber(FiberContext& scheduler, FiberContext& fiber) {
#ifdef POOLCHECK_ASAN
  __sanitizer_start_switch_fiber(&scheduler.fake_stack, fiber.stack_bottom, fiber.stack_size);
#endif
  boost::context::detail::transfer_t back =
      boost::context::detail::jump_fcontext(fiber.fctx, nullptr);
  fiber.fctx = back.fctx;
#ifdef POOLCHECK_ASAN
  __sanitizer_finish_switch_fiber(scheduler.fake_stack, nullptr, nullptr);
#endif
}

// Switches from the running fiber back to the scheduler; returns when resumed.
// `finished` is true for the final switch of a fiber that will never run again.
inline void SwitchOutOfFiber(FiberContext& scheduler, FiberContext& fiber, bool finished) {
#ifdef POOLCHECK_ASAN
  __sanitizer_start_switch_fiber(finished ? nullptr : &fiber.fake_stack, scheduler.stack_bottom,
                                 scheduler.stack_size);
#else
  (void)finished;
  (void)fiber;
#endif
  boost::context::detail::transfer_t resumed =
      boost::context::detail::jump_fcontext(scheduler.fctx, nullptr);
  scheduler.fctx = resumed.fctx;
#ifdef POOLCHECK_ASAN
  __sanitizer_finish_switch_fiber(fiber.fake_stack, &scheduler.stack_bottom,
                                  &scheduler.stack_size);
#endif
}

// Called first thing in a fiber's entry function: completes the switch into it and
// records the scheduler's context from the transfer.
void FiberStarted(FiberContext& scheduler, FiberContext& fiber,
                  boost::context::detail::transfer_t from);

}  // namespace sim::internal
