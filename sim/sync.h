// Go's sync.WaitGroup and sync.Once, and the sync/atomic operations the pool uses. Each
// operation is a scheduling point, so interleavings between atomic accesses are explored.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <source_location>

#include "sim/access.h"
#include "sim/goroutine.h"
#include "sim/mutex.h"

namespace sim {

namespace detail {
struct WaitGroupState;
// The scheduling point of an atomic access, declared as a read or write of `tag`.
bool AtomicAccessPoint(AccessTag& tag, bool write, std::source_location loc);
bool AtomicAddPoint(AccessTag& tag, std::source_location loc);
}  // namespace detail

// Go's sync.WaitGroup. A negative counter is a Go panic.
class WaitGroup {
 public:
  WaitGroup();
  ~WaitGroup();
  WaitGroup(const WaitGroup&) = delete;
  WaitGroup& operator=(const WaitGroup&) = delete;

  void Add(int delta, std::source_location loc = std::source_location::current());
  void Done(std::source_location loc = std::source_location::current()) { Add(-1, loc); }
  void Wait(std::source_location loc = std::source_location::current());

 private:
  std::unique_ptr<detail::WaitGroupState> state_;
};

// Go's sync.Once.
class Once {
 public:
  void Do(const std::function<void()>& fn,
          std::source_location loc = std::source_location::current()) {
    if (done_.load(loc)) return;
    LockGuard g(m_, loc);
    if (done_.load_plain() == 0) {
      fn();
      done_.store(1, loc);
    }
  }

 private:
  class Flag {
   public:
    uint32_t load(std::source_location loc) {
      detail::AtomicAccessPoint(tag_, /*write=*/false, loc);
      return v_;
    }
    uint32_t load_plain() const { return v_; }
    void store(uint32_t v, std::source_location loc) {
      detail::AtomicAccessPoint(tag_, /*write=*/true, loc);
      v_ = v;
    }
   private:
    uint32_t v_ = 0;
    AccessTag tag_;
  };
  Flag done_;
  Mutex m_;
};

// A sync/atomic word. Each access is a scheduling point; between scheduling points only
// one goroutine runs, so the operations are atomic as in Go.
template <typename T>
class Atomic {
 public:
  Atomic() = default;
  explicit Atomic(T v) : v_(v) {}
  T Load(std::source_location loc = std::source_location::current()) const {
    detail::AtomicAccessPoint(tag_, /*write=*/false, loc);
    return v_;
  }
  void Store(T v, std::source_location loc = std::source_location::current()) {
    detail::AtomicAccessPoint(tag_, /*write=*/true, loc);
    v_ = v;
  }
  T Add(T delta, std::source_location loc = std::source_location::current()) {
    detail::AtomicAccessPoint(tag_, /*write=*/true, loc);
    v_ += delta;
    return v_;
  }
  // Go's atomic.AddInt64(&x, d) where the caller discards the new value: two such Adds
  // commute (the sum is the same either way and neither reads it), which partial-order
  // reduction exploits (sim/access.h).
  void AddIgnoringResult(T delta, std::source_location loc = std::source_location::current()) {
    detail::AtomicAddPoint(tag_, loc);
    v_ += delta;
  }
  bool CompareAndSwap(T old_v, T new_v, std::source_location loc = std::source_location::current()) {
    detail::AtomicAccessPoint(tag_, /*write=*/true, loc);
    if (v_ != old_v) return false;
    v_ = new_v;
    return true;
  }
  // Reads without a scheduling point: for invariant checkers, which must not perturb runs.
  T Peek() const { return v_; }

 private:
  T v_{};
  mutable AccessTag tag_;
};

}  // namespace sim
