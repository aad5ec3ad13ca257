// Parallel exploration in forked worker processes (never threads: a simulated run owns its
// OS thread). Worker w of n runs the shard's runs k = w, w+n, w+2n, ... with one strategy
// object (RunSequence) and writes one fixed-size RunRecord per run to its pipe, followed
// by the run's encoded coverage. The lowest failing run index found so far lives in a word
// of shared memory: a worker stops before starting a run above it, so every run below the
// final lowest failure is run by someone, and the summary equals the in-process
// explorer's for any number of workers. A second word does the same for --until-risk: the
// run at which the runs received so far, in index order, meet it (risk_watch.h).
//
// A worker runs its runs in order, so when one dies of a signal the run it was on is the
// next of its sequence after the last record it wrote: that run crashed the pool. It is
// recorded as a failure "crash" (explore/crash.h) and a new worker goes on with the rest
// of the sequence. A worker that exits non-zero is a harness error, reported at once.
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <new>
#include <optional>

#include "absl/strings/str_cat.h"
#include "explore/crash.h"
#include "explore/explore_plan.h"
#include "explore/isolated.h"
#include "explore/risk_watch.h"

namespace explore {
namespace {

using LowestFailure = std::atomic<uint64_t>;
static_assert(LowestFailure::is_always_lock_free, "shared between processes");

// The words the parent and its workers share (one anonymous shared mapping).
struct SharedState {
  LowestFailure lowest{std::numeric_limits<uint64_t>::max()};
  std::atomic<int> stop{0};  // the parent was asked to stop (a signal): start no more runs
  LowestFailure until{std::numeric_limits<uint64_t>::max()};  // --until-risk met at this run
};
static_assert(std::atomic<int>::is_always_lock_free, "shared between processes");

constexpr int kPollTimeoutMs = 100;

struct Worker {
  pid_t pid = -1;      // -1 once reaped
  int fd = -1;         // read end of its pipe; -1 once at EOF
  std::string buffer;  // bytes of a record not yet complete
  uint64_t next_k = 0;  // position in the shard of the run it runs next (step: jobs)
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

// The body of a worker that runs the shard's runs first_k, first_k + jobs, ...; returns
// the process exit code.
int WorkerMain(const ExplorePlan& plan, uint64_t first_k, uint32_t jobs, SharedState& shared,
               int fd) {
  const bool keep_going = plan.options().keep_going;
  RunSequence sequence(plan);
  for (uint64_t k = first_k; k < plan.shard_runs(); k += jobs) {
    const uint64_t index = plan.RunIndexAt(k);
    if ((!keep_going && index > shared.lowest.load()) || plan.PastDeadline()) break;
    if (shared.stop.load() != 0 || index > shared.until.load()) break;
    const std::optional<RunReport> report = sequence.Run(index);
    if (!report) break;  // only sequential strategies run out, and they never run here
    RunRecord record = RecordOf(*report);
    const std::string coverage = EncodeCoverage(report->coverage);
    record.coverage_bytes = coverage.size();
    if (!WriteAll(fd, &record, sizeof record)) return 2;
    if (!WriteAll(fd, coverage.data(), coverage.size())) return 2;
    if (record.failed != 0 && !keep_going) LowerTo(shared.lowest, index);
  }
  return 0;
}

// Where the parent puts what workers send.
struct Collected {
  std::vector<RunRecord>& records;
  std::map<uint64_t, RunCoverage>& coverage;
  ExploreTally& tally;
  RiskWatch& watch;
};

// Takes the complete records (each with its coverage) out of a worker's buffer.
void DrainRecords(Worker& worker, uint32_t jobs, Collected& out) {
  size_t used = 0;
  while (worker.buffer.size() - used >= sizeof(RunRecord)) {
    RunRecord record;
    std::memcpy(&record, worker.buffer.data() + used, sizeof record);
    if (worker.buffer.size() - used - sizeof record < record.coverage_bytes) break;
    absl::StatusOr<RunCoverage> coverage = DecodeCoverage(std::string_view(
        worker.buffer.data() + used + sizeof record, record.coverage_bytes));
    used += sizeof record + record.coverage_bytes;
    RunCoverage& kept = out.coverage[record.index];
    kept = coverage.ok() ? *std::move(coverage) : RunCoverage{};
    out.watch.Add(record.index, kept);
    out.records.push_back(record);
    out.tally.Add(record);
    worker.next_k += jobs;
  }
  worker.buffer.erase(0, used);
}

// Waits for one worker; its wait status.
int Reap(Worker& worker) {
  const int wstatus = WaitFor(worker.pid);
  worker.pid = -1;
  return wstatus;
}

// Kills and reaps every worker still running (after an error).
void KillWorkers(std::vector<Worker>& workers) {
  for (Worker& w : workers) {
    if (w.pid > 0) kill(w.pid, SIGKILL);
    if (w.fd >= 0) close(w.fd);
    w.fd = -1;
  }
  for (Worker& w : workers) {
    if (w.pid > 0) Reap(w);
  }
}

// Forks a worker for the runs first_k, first_k + jobs, ... and adds it to `workers`.
absl::Status StartWorker(const ExplorePlan& plan, uint64_t first_k, uint32_t jobs,
                         SharedState& shared, std::vector<Worker>& workers) {
  absl::StatusOr<PipedChild> child = ForkPiped("explore worker", [&](int fd) {
    for (const Worker& started : workers) {
      if (started.fd >= 0) close(started.fd);
    }
    return WorkerMain(plan, first_k, jobs, shared, fd);
  });
  if (!child.ok()) return child.status();
  workers.push_back({child->pid, child->fd, {}, first_k});
  return absl::OkStatus();
}

// A worker's pipe is at EOF: reap it. Died of a signal: its next run crashed, recorded
// as such, and a new worker takes the rest of its sequence. Exited non-zero: an error.
absl::Status Finish(const ExplorePlan& plan, uint32_t jobs, SharedState& shared,
                    std::vector<Worker>& workers, size_t w, Collected& out) {
  close(workers[w].fd);
  workers[w].fd = -1;
  const int wstatus = Reap(workers[w]);
  if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) return absl::OkStatus();
  const uint64_t k = workers[w].next_k;
  if (!WIFSIGNALED(wstatus)) {
    return absl::InternalError(absl::StrCat("explore worker ", w, " exited with ",
                                            WEXITSTATUS(wstatus)));
  }
  if (k >= plan.shard_runs() || !workers[w].buffer.empty()) {
    return absl::InternalError(absl::StrCat("explore worker ", w, " died of signal ",
                                            WTERMSIG(wstatus), " outside a run"));
  }
  const RunRecord crash = CrashRecord(plan.RunIndexAt(k), WTERMSIG(wstatus));
  out.records.push_back(crash);
  out.tally.Add(crash);
  out.watch.Add(crash.index, RunCoverage{});
  if (!plan.options().keep_going) LowerTo(shared.lowest, crash.index);
  if (k + jobs >= plan.shard_runs()) return absl::OkStatus();
  return StartWorker(plan, k + jobs, jobs, shared, workers);
}

// Reads every worker's pipe until all are at EOF. A stop request (a signal the parent
// caught, which workers may not have received) is passed on through `shared`.
absl::Status CollectRecords(const ExplorePlan& plan, uint32_t jobs, SharedState& shared,
                            std::vector<Worker>& workers, Collected& out) {
  for (;;) {
    if (plan.StopRequested()) shared.stop.store(1);
    std::vector<pollfd> fds;
    std::vector<size_t> owners;
    for (size_t w = 0; w < workers.size(); ++w) {
      if (workers[w].fd < 0) continue;
      fds.push_back({workers[w].fd, POLLIN, 0});
      owners.push_back(w);
    }
    if (fds.empty()) return absl::OkStatus();
    if (poll(fds.data(), fds.size(), kPollTimeoutMs) < 0 && errno != EINTR) {
      return absl::InternalError(absl::StrCat("poll of explore workers: ", strerror(errno)));
    }
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      char chunk[4096];
      const ssize_t n = read(fds[i].fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        absl::Status finished = Finish(plan, jobs, shared, workers, owners[i], out);
        if (!finished.ok()) return finished;
        continue;
      }
      workers[owners[i]].buffer.append(chunk, static_cast<size_t>(n));
      DrainRecords(workers[owners[i]], jobs, out);
    }
    // --until-risk met by the runs so far in order: no worker starts a run above it.
    if (std::optional<uint64_t> bound = out.watch.Bound()) LowerTo(shared.until, *bound);
    out.tally.MaybeReportProgress();
  }
}

// The body of the learning probe: makes runs first..n-1 of the whole run space (those the
// strategy learns from), writing each index to `fd` once the run is done.
int ProbeMain(const ExplorePlan& plan, uint64_t first, uint64_t n, int fd) {
  RunSequence sequence(plan);
  for (uint64_t index = first; index < n; ++index) {
    if (plan.CrashedLearningRun(index)) continue;
    if (!sequence.Run(index)) break;
    if (!WriteAll(fd, &index, sizeof index)) return 2;
  }
  return 0;
}

// Before the workers start: makes the runs the strategy learns from (PCT learns from run
// 0) in a probe process, one after another, and marks those that crash it in `plan`. Each
// worker makes these runs again before its own (RunSequence); one that crashes there would
// die outside its own runs, and the crash would be charged to the wrong run. Marked, they
// are skipped everywhere (they teach nothing), and each is still reported as the crash it
// is by the worker that owns it.
absl::Status ProbeLearningRuns(ExplorePlan& plan) {
  const uint64_t n = std::min(plan.MakeStrategy()->LearnsFromRuns(), plan.options().runs);
  uint64_t first = 0;
  while (first < n) {
    absl::StatusOr<PipedChild> probe =
        ForkPiped("explore probe", [&](int fd) { return ProbeMain(plan, first, n, fd); });
    if (!probe.ok()) return probe.status();
    uint64_t done = 0;
    std::optional<uint64_t> last_done;
    while (read(probe->fd, &done, sizeof done) == static_cast<ssize_t>(sizeof done)) {
      last_done = done;
    }
    close(probe->fd);
    const int wstatus = WaitFor(probe->pid);
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) return absl::OkStatus();
    if (!WIFSIGNALED(wstatus)) {
      return absl::InternalError(
          absl::StrCat("explore probe exited with ", WEXITSTATUS(wstatus)));
    }
    uint64_t crashed = last_done ? *last_done + 1 : first;
    while (plan.CrashedLearningRun(crashed)) ++crashed;
    plan.MarkCrashedLearningRun(crashed);
    first = crashed + 1;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<RunRecord>> RunWorkers(ExplorePlan& plan, ExploreTally& tally,
                                                  std::map<uint64_t, RunCoverage>& coverage) {
  if (absl::Status probed = ProbeLearningRuns(plan); !probed.ok()) return probed;
  const uint32_t jobs = static_cast<uint32_t>(
      std::min<uint64_t>(plan.options().jobs, plan.shard_runs()));
  void* memory = mmap(nullptr, sizeof(SharedState), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    return absl::InternalError(absl::StrCat("mmap for explore workers: ", strerror(errno)));
  }
  auto* shared = new (memory) SharedState();
  std::vector<Worker> workers;
  workers.reserve(jobs);
  absl::Status status;
  for (uint32_t w = 0; w < jobs && status.ok(); ++w) {
    status = StartWorker(plan, w, jobs, *shared, workers);
  }
  std::vector<RunRecord> records;
  RiskWatch watch(plan);
  Collected collected{records, coverage, tally, watch};
  if (status.ok()) status = CollectRecords(plan, jobs, *shared, workers, collected);
  KillWorkers(workers);  // none left unless an error ended the collection early
  munmap(memory, sizeof(SharedState));
  if (!status.ok()) return status;
  return records;
}

}  // namespace explore
