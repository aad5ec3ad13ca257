// Work in a forked child, to see whether it kills its process; see isolated.h.
#include "explore/isolated.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace explore {

absl::StatusOr<int> DeathSignal(const std::function<void()>& body) {
  std::fflush(nullptr);  // the child must not flush the parent's buffered output again
  const pid_t pid = fork();
  if (pid < 0) {
    return absl::InternalError(absl::StrCat("cannot fork to isolate a run: ", strerror(errno)));
  }
  if (pid == 0) {
    body();
    _exit(0);
  }
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  return WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
}

}  // namespace explore
