// A scoped read lock on a sim::RWMutex, for code that in Go reads
// `mu.RLock(); defer mu.RUnlock()` (sim::LockGuard covers the write side).
#pragma once

#include "sim/mutex.h"

namespace model::sql {

class ReadLockGuard {
 public:
  explicit ReadLockGuard(sim::RWMutex& mu) : mu_(mu) { mu_.RLock(); }
  ~ReadLockGuard() { mu_.RUnlock(); }
  ReadLockGuard(const ReadLockGuard&) = delete;
  ReadLockGuard& operator=(const ReadLockGuard&) = delete;

 private:
  sim::RWMutex& mu_;
};

}  // namespace model::sql
