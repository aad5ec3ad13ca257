// Work in a forked child, to see whether it kills its process; see isolated.h.
#include "explore/isolated.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "sim/crash_note.h"

namespace explore {

int WaitFor(pid_t pid) {
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  return wstatus;
}

absl::StatusOr<int> DeathSignal(const std::function<void()>& body) {
  std::fflush(nullptr);  // the child must not flush the parent's buffered output again
  const pid_t pid = fork();
  if (pid < 0) {
    return absl::InternalError(absl::StrCat("cannot fork to isolate a run: ", strerror(errno)));
  }
  if (pid == 0) {
    sim::DisableCrashNotes();  // the caller reports the death
    body();
    _exit(0);
  }
  const int wstatus = WaitFor(pid);
  return WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
}

absl::StatusOr<PipedChild> ForkPiped(const std::string& what,
                                     const std::function<int(int write_fd)>& body) {
  std::fflush(nullptr);  // the child must not flush the parent's buffered output again
  int fds[2];
  if (pipe(fds) != 0) {
    return absl::InternalError(absl::StrCat("cannot start ", what, ": pipe: ", strerror(errno)));
  }
  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close(fds[0]);
    close(fds[1]);
    return absl::InternalError(absl::StrCat("cannot start ", what, ": fork: ", strerror(error)));
  }
  if (pid == 0) {
    close(fds[0]);
    const int code = body(fds[1]);
    close(fds[1]);
    _exit(code);
  }
  close(fds[1]);
  return PipedChild{pid, fds[0]};
}

}  // namespace explore
