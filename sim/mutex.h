// Go's sync.Mutex, sync.RWMutex and sync.Locker for simulated code. Every operation is a
// scheduling point. As in Go, a Mutex may be unlocked by a goroutine other than the one
// that locked it, and which waiter gets a released lock is up to the schedule.
#pragma once

#include <memory>
#include <source_location>

namespace sim {

namespace detail {
struct MutexState;
struct RWMutexState;
}  // namespace detail

// Go's sync.Locker.
class Locker {
 public:
  virtual ~Locker() = default;
  virtual void Lock(std::source_location loc = std::source_location::current()) = 0;
  virtual void Unlock(std::source_location loc = std::source_location::current()) = 0;
};

// Go's sync.Mutex. Unlocking an unlocked Mutex is a fatal error of the run ("panic").
class Mutex : public Locker {
 public:
  Mutex();
  ~Mutex() override;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock(std::source_location loc = std::source_location::current()) override;
  void Unlock(std::source_location loc = std::source_location::current()) override;
  bool TryLock(std::source_location loc = std::source_location::current());

 private:
  std::unique_ptr<detail::MutexState> state_;
};

// Go's sync.RWMutex with its writer preference: once a writer waits in Lock, new RLock
// calls block until that writer has had the lock.
class RWMutex : public Locker {
 public:
  RWMutex();
  ~RWMutex() override;
  RWMutex(const RWMutex&) = delete;
  RWMutex& operator=(const RWMutex&) = delete;

  void Lock(std::source_location loc = std::source_location::current()) override;
  void Unlock(std::source_location loc = std::source_location::current()) override;
  void RLock(std::source_location loc = std::source_location::current());
  void RUnlock(std::source_location loc = std::source_location::current());
  bool TryLock(std::source_location loc = std::source_location::current());
  bool TryRLock(std::source_location loc = std::source_location::current());

 private:
  std::unique_ptr<detail::RWMutexState> state_;
};

// Scoped Lock/Unlock, for code that would use `defer mu.Unlock()` in Go.
class LockGuard {
 public:
  explicit LockGuard(Locker& l, std::source_location loc = std::source_location::current())
      : l_(l) { l_.Lock(loc); }
  ~LockGuard() { l_.Unlock(); }
  LockGuard(const LockGuard&) = delete;
  LockGuard& operator=(const LockGuard&) = delete;

 private:
  Locker& l_;
};

}  // namespace sim
