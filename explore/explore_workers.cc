// Parallel exploration in forked worker processes (never threads: a simulated run owns its
// OS thread). Worker w of n runs the shard's runs k = w, w+n, w+2n, ... and writes one
// fixed-size RunRecord per run to its pipe. The lowest failing run index found so far
// lives in a word of shared memory: a worker stops before starting a run above it, so
// every run below the final lowest failure is run by someone, and the summary equals the
// in-process explorer's for any number of workers.
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <new>

#include "absl/strings/str_cat.h"
#include "explore/explore_plan.h"

namespace explore {
namespace {

using LowestFailure = std::atomic<uint64_t>;
static_assert(LowestFailure::is_always_lock_free, "shared between processes");

// The words the parent and its workers share (one anonymous shared mapping).
struct SharedState {
  LowestFailure lowest{std::numeric_limits<uint64_t>::max()};
  std::atomic<int> stop{0};  // the parent was asked to stop (a signal): start no more runs
};
static_assert(std::atomic<int>::is_always_lock_free, "shared between processes");

constexpr int kPollTimeoutMs = 100;

struct Worker {
  pid_t pid = -1;
  int fd = -1;         // read end of its pipe; -1 once at EOF
  std::string buffer;  // bytes of a record not yet complete
};

bool WriteAll(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

void LowerTo(LowestFailure& lowest, uint64_t index) {
  uint64_t seen = lowest.load();
  while (index < seen && !lowest.compare_exchange_weak(seen, index)) {
  }
}

// The body of worker `w` of `jobs`; returns the process exit code.
int WorkerMain(const ExplorePlan& plan, uint32_t w, uint32_t jobs, SharedState& shared,
               int fd) {
  const bool keep_going = plan.options().keep_going;
  for (uint64_t k = w; k < plan.shard_runs(); k += jobs) {
    const uint64_t index = plan.RunIndexAt(k);
    if ((!keep_going && index > shared.lowest.load()) || plan.PastDeadline()) break;
    if (shared.stop.load() != 0) break;
    const RunRecord record = RecordOf(plan.Run(index));
    if (!WriteAll(fd, &record, sizeof record)) return 2;
    if (record.failed != 0 && !keep_going) LowerTo(shared.lowest, index);
  }
  return 0;
}

// Takes the complete records out of a worker's buffer.
void DrainRecords(Worker& worker, std::vector<RunRecord>& records, ExploreTally& tally) {
  size_t used = 0;
  while (worker.buffer.size() - used >= sizeof(RunRecord)) {
    RunRecord record;
    std::memcpy(&record, worker.buffer.data() + used, sizeof record);
    used += sizeof record;
    records.push_back(record);
    tally.Add(record);
  }
  worker.buffer.erase(0, used);
}

// Reads every worker's pipe until all are at EOF. A stop request (a signal the parent
// caught, which workers may not have received) is passed on through `shared`.
void CollectRecords(const ExplorePlan& plan, SharedState& shared, std::vector<Worker>& workers,
                    std::vector<RunRecord>& records, ExploreTally& tally) {
  for (;;) {
    if (plan.StopRequested()) shared.stop.store(1);
    std::vector<pollfd> fds;
    std::vector<Worker*> owners;
    for (Worker& w : workers) {
      if (w.fd < 0) continue;
      fds.push_back({w.fd, POLLIN, 0});
      owners.push_back(&w);
    }
    if (fds.empty()) return;
    if (poll(fds.data(), fds.size(), kPollTimeoutMs) < 0 && errno != EINTR) {
      // Unreadable pipes: close them so no worker blocks writing (it fails and exits).
      for (Worker* w : owners) {
        close(w->fd);
        w->fd = -1;
      }
      return;
    }
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      char chunk[4096];
      const ssize_t n = read(fds[i].fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        close(owners[i]->fd);
        owners[i]->fd = -1;
        continue;
      }
      owners[i]->buffer.append(chunk, static_cast<size_t>(n));
      DrainRecords(*owners[i], records, tally);
    }
    tally.MaybeReportProgress();
  }
}

// Waits for every started worker; an error if one did not exit cleanly.
absl::Status ReapWorkers(const std::vector<Worker>& workers) {
  absl::Status status;
  for (size_t w = 0; w < workers.size(); ++w) {
    int wstatus = 0;
    while (waitpid(workers[w].pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) continue;
    if (status.ok()) {
      status = absl::InternalError(
          WIFSIGNALED(wstatus)
              ? absl::StrCat("explore worker ", w, " died of signal ", WTERMSIG(wstatus))
              : absl::StrCat("explore worker ", w, " exited with ", WEXITSTATUS(wstatus)));
    }
  }
  return status;
}

// Forks the workers. On failure, kills and reaps the ones already started.
absl::Status StartWorkers(const ExplorePlan& plan, uint32_t jobs, SharedState& shared,
                          std::vector<Worker>& workers) {
  std::fflush(nullptr);  // a child must not flush the parent's buffered output again
  for (uint32_t w = 0; w < jobs; ++w) {
    int fds[2];
    pid_t pid = -1;
    if (pipe(fds) == 0) {
      pid = fork();
      if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
      }
    }
    if (pid < 0) {
      for (const Worker& started : workers) kill(started.pid, SIGKILL);
      for (const Worker& started : workers) close(started.fd);
      (void)ReapWorkers(workers);
      workers.clear();
      return absl::InternalError(absl::StrCat("cannot start explore worker: ", strerror(errno)));
    }
    if (pid == 0) {
      for (const Worker& started : workers) close(started.fd);
      close(fds[0]);
      const int code = WorkerMain(plan, w, jobs, shared, fds[1]);
      close(fds[1]);
      _exit(code);
    }
    close(fds[1]);
    workers.push_back({pid, fds[0], {}});
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<RunRecord>> RunWorkers(const ExplorePlan& plan, ExploreTally& tally) {
  const uint32_t jobs = static_cast<uint32_t>(
      std::min<uint64_t>(plan.options().jobs, plan.shard_runs()));
  void* memory = mmap(nullptr, sizeof(SharedState), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    return absl::InternalError(absl::StrCat("mmap for explore workers: ", strerror(errno)));
  }
  auto* shared = new (memory) SharedState();
  std::vector<Worker> workers;
  absl::Status started = StartWorkers(plan, jobs, *shared, workers);
  std::vector<RunRecord> records;
  if (started.ok()) CollectRecords(plan, *shared, workers, records, tally);
  absl::Status reaped = started.ok() ? ReapWorkers(workers) : started;
  munmap(memory, sizeof(SharedState));
  if (!reaped.ok()) return reaped;
  return records;
}

}  // namespace explore
