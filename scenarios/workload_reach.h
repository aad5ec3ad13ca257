// The reach of generated workloads: which parts of the pool's API and of the driver a
// workload exercises (op kinds, statements on a DB/Tx/Conn, rows held open, a Tx ended with
// rows open, a statement used after its Tx ended, each pool setting changed mid-run,
// DB.Close in flight, contexts with deadlines or cancelled, a fault at each driver entry
// point), read from the workload itself, and a histogram of the share of cases reaching
// each. `poolcheck fuzz --stats` prints it, with what only a run can tell (a caller waited
// for a conn), which the caller adds with AddMeasured.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/workload.h"

namespace scenarios {

// Every feature name ReachOf reports, in the histogram's order.
const std::vector<std::string>& ReachFeatureNames();

// The features `workload` reaches (a subset of ReachFeatureNames, in that order).
std::vector<std::string> ReachOf(const Workload& workload);

// Cases per feature over many workloads.
class ReachTally {
 public:
  void Add(const Workload& workload);
  // A feature only a run can tell (e.g. "caller waited for a conn"), reached by `cases`
  // of the cases added.
  void AddMeasured(const std::string& name, uint64_t cases);

  uint64_t cases() const { return cases_; }
  // Cases reaching `name` (0 for a name never seen).
  uint64_t Count(const std::string& name) const;
  // Share of cases reaching `name`, in [0, 1] (0 with no cases).
  double Share(const std::string& name) const;
  // (name, cases) in histogram order: ReachFeatureNames, then the measured ones.
  std::vector<std::pair<std::string, uint64_t>> Rows() const;

 private:
  uint64_t cases_ = 0;
  std::vector<uint64_t> counts_;  // by ReachFeatureNames index
  std::vector<std::pair<std::string, uint64_t>> measured_;
};

}  // namespace scenarios
