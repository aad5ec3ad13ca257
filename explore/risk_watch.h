// --until-risk across worker processes. Workers send their runs out of run-index order;
// the residual risk the in-process explorer checks after each run is that of the runs
// 0..k in order. RiskWatch keeps the runs that arrived ahead of the next one in order,
// tallies the in-order prefix, and names the run at which the prefix first meets
// --until-risk, so the parent can tell workers to start no run above it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "explore/coverage.h"
#include "explore/explore_plan.h"

namespace explore {

class RiskWatch {
 public:
  explicit RiskWatch(const ExplorePlan& plan) : plan_(plan) {}

  // Run `index` of this shard finished with `coverage` (empty for a crashed run).
  void Add(uint64_t index, RunCoverage coverage);
  // The run index at which the in-order prefix met --until-risk, once it has (nullopt
  // before, or without --until-risk).
  std::optional<uint64_t> Bound();

 private:
  const ExplorePlan& plan_;
  std::map<uint64_t, RunCoverage> ahead_;  // arrived, not yet next in order
  uint64_t next_k_ = 0;                   // shard position of the next run in order
  CoverageTally prefix_;
  std::optional<uint64_t> bound_;
};

}  // namespace explore
