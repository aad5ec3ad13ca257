// Running work in a forked child to see whether it kills its process: a run of a pool bug
// that writes through a null or freed pointer takes down whoever makes it. Replay, trace
// and shrink ask here first, so such a run is a failure "crash" (explore/crash.h) of that
// run instead of a dead harness. (Explorations isolate whole workers instead:
// explore_workers.cc.)
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

#include "absl/status/statusor.h"

namespace explore {

// Runs `body` in a forked child and waits for it: the signal that killed the child, or 0
// if it returned (whatever it did; its output and effects stay in the child). An error
// only if the child could not be started.
absl::StatusOr<int> DeathSignal(const std::function<void()>& body);

// A forked child that reports to its parent through a pipe.
struct PipedChild {
  pid_t pid = -1;
  int fd = -1;  // the parent's read end
};

// Forks a child that runs `body(write_fd)` and exits with what it returns; the parent
// gets the read end. Buffered output is flushed first, so the child does not print it
// again. `what` names the child in the error when the pipe or fork fails.
absl::StatusOr<PipedChild> ForkPiped(const std::string& what,
                                     const std::function<int(int write_fd)>& body);

// Waits for `pid` (retrying on EINTR); its wait status.
int WaitFor(pid_t pid);

}  // namespace explore
