// The workload shrinker; see shrink_workload.h.
#include "explore/shrink_workload.h"

#include <utility>
#include <vector>

#include "explore/shrink.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

using scenarios::Op;
using scenarios::Workload;

// Copies of `ops` with one op removed, each.
template <typename F>
void EachWithout(size_t count, F&& without) {
  for (size_t i = count; i-- > 0;) without(i);
}

// Simpler forms of one op: no context, no hold, no pause, closed in place.
std::vector<Op> SimplerOps(const Op& op) {
  std::vector<Op> out;
  auto with = [&](auto edit) {
    Op o = op;
    edit(o);
    out.push_back(std::move(o));
  };
  if (!op.cancel_after.IsZero()) with([](Op& o) { o.cancel_after = sim::Duration::Zero(); });
  if (!op.timeout.IsZero()) with([](Op& o) { o.timeout = sim::Duration::Zero(); });
  if (!op.duration.IsZero() && op.kind != scenarios::OpKind::kSleep) {
    with([](Op& o) { o.duration = sim::Duration::Zero(); });
  }
  if (!op.pause.IsZero()) with([](Op& o) { o.pause = sim::Duration::Zero(); });
  if (op.leave_open) with([](Op& o) { o.leave_open = false; });
  if (op.repeat > 1) with([](Op& o) { o.repeat = 1; });
  return out;
}

// Every op list one edit smaller than `ops` (an op dropped, a nested list made smaller,
// an op simplified).
std::vector<std::vector<Op>> SmallerOpLists(const std::vector<Op>& ops, bool keep_one) {
  std::vector<std::vector<Op>> out;
  if (ops.size() > (keep_one ? 1u : 0u)) {
    EachWithout(ops.size(), [&](size_t i) {
      std::vector<Op> fewer = ops;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back(std::move(fewer));
    });
  }
  for (size_t i = 0; i < ops.size(); ++i) {
    for (std::vector<Op>& inner : SmallerOpLists(ops[i].inner, false)) {
      std::vector<Op> edited = ops;
      edited[i].inner = std::move(inner);
      out.push_back(std::move(edited));
    }
    for (Op& simpler : SimplerOps(ops[i])) {
      std::vector<Op> edited = ops;
      edited[i] = std::move(simpler);
      out.push_back(std::move(edited));
    }
  }
  return out;
}

// Driver edits: a fault rule dropped, chosen faults off, no latency.
void SmallerDrivers(const Workload& w, std::vector<Workload>& out) {
  const model::fakedb::FakeDriverOptions& d = w.driver;
  EachWithout(d.faults.rules.size(), [&](size_t i) {
    Workload c = w;
    c.driver.faults.rules.erase(c.driver.faults.rules.begin() + static_cast<std::ptrdiff_t>(i));
    out.push_back(std::move(c));
  });
  if (d.faults.chosen.active()) {
    Workload c = w;
    c.driver.faults.chosen = {};
    out.push_back(std::move(c));
  }
  if (!d.call_latency.IsZero() || !d.latency_jitter.IsZero()) {
    Workload c = w;
    c.driver.call_latency = c.driver.latency_jitter = sim::Duration::Zero();
    out.push_back(std::move(c));
  }
}

// One run of `w` as the failing run's target, under the failing run's strategy spec.
RunReport RunCandidate(const RunReport& failing, const Workload& w, uint64_t seed) {
  Target target = failing.target;
  target.workload = w;
  std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(failing.strategy);
  absl::StatusOr<RunReport> r = RunTarget(target, *strategy, failing.exploration_seed,
                                          sim::RunStart(seed, failing.run_index));
  return r.ok() ? *std::move(r) : RunReport{};
}

}  // namespace

std::vector<Workload> SmallerWorkloads(const Workload& w) {
  std::vector<Workload> out;
  if (w.clients.size() > 1) {
    EachWithout(w.clients.size(), [&](size_t i) {
      Workload c = w;
      c.clients.erase(c.clients.begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back(std::move(c));
    });
  }
  for (size_t i = 0; i < w.clients.size(); ++i) {
    for (std::vector<Op>& ops : SmallerOpLists(w.clients[i].ops, /*keep_one=*/true)) {
      Workload c = w;
      c.clients[i].ops = std::move(ops);
      out.push_back(std::move(c));
    }
    if (!w.clients[i].start_delay.IsZero()) {
      Workload c = w;
      c.clients[i].start_delay = sim::Duration::Zero();
      out.push_back(std::move(c));
    }
  }
  SmallerDrivers(w, out);
  return out;
}

absl::StatusOr<RunReport> ShrinkWorkloadRun(const RunReport& failing,
                                            const WorkloadShrinkOptions& options) {
  if (!failing.result.failed() || !failing.target.workload) {
    return absl::FailedPreconditionError("only a failing run of a workload target shrinks");
  }
  if (!sim::MakeStrategy(failing.strategy).ok()) {
    return absl::FailedPreconditionError("the failing run's strategy cannot be rebuilt");
  }
  RunReport best = failing;
  uint64_t runs = 0;
  for (bool progress = true; progress && runs < options.max_runs;) {
    progress = false;
    for (const Workload& candidate : SmallerWorkloads(*best.target.workload)) {
      for (uint32_t k = 0; k < options.seeds_per_candidate && runs < options.max_runs; ++k) {
        const uint64_t seed = k == 0 ? best.token.run_seed : sim::RunSeed(best.token.run_seed, k);
        ++runs;
        RunReport r = RunCandidate(best, candidate, seed);
        if (!r.result.failed() || r.result.failure != failing.result.failure) continue;
        best = std::move(r);
        progress = true;
        break;
      }
      if (progress || runs >= options.max_runs) break;
    }
  }
  ShrinkOptions schedule;
  schedule.max_runs = options.schedule_runs;
  schedule.shrink_params = false;
  absl::StatusOr<ShrinkResult> shrunk = Shrink(best.token, schedule);
  if (!shrunk.ok() || shrunk->failure != failing.result.failure) return best;
  RunReport out = std::move(shrunk->report);
  out.token = shrunk->token;
  return out;
}

}  // namespace explore
