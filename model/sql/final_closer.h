// Go's finalCloser: an object (driverConn, Stmt) whose finalClose runs once the last of its
// dependencies is removed with DB::removeDep. Go keys db.dep by the objects themselves;
// here every object taking part gets a DepId from its DB, so nothing depends on addresses.
#pragma once

#include <cstdint>

#include "absl/status/status.h"

namespace model::sql {

// Identifies an object in DB::dep, either as a finalCloser or as a dependency.
using DepId = uint64_t;

class finalCloser {
 public:
  virtual ~finalCloser() = default;
  // Called when the object's reference count in DB::dep drops to zero; db.mu is not held.
  virtual absl::Status finalClose() = 0;
  virtual DepId depId() const = 0;
};

}  // namespace model::sql
