// Coverage of pool behaviour, and the residual risk of an exploration ("is my budget
// enough?"). A run's coverage is which pool events (annotation sites in model/sql, see
// model/sql/pool_trace.h) it reached and how often, which ordered pairs of pool events
// from different goroutines it reached (event B on goroutine h right after event A on
// goroutine g != h, the next pool event), and how many times each invariant was checked.
//
// Over runs, each event site and each pair is a "species" (Böhme, "STADS: Software
// Testing as Species Discovery", TOSEM 2018). With n runs and f1 species seen in exactly
// one run, the Good-Turing estimate of the chance that the next run reaches a species not
// seen yet is f1 / n (capped at 1). The saturation curve is the number of species seen
// against runs. Both depend only on the runs and their order by run index, never on which
// process ran them.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "model/sql/pool_trace.h"
#include "properties/invariant.h"
#include "properties/monitor.h"

namespace explore {

// What one run reached.
struct RunCoverage {
  std::map<std::string, uint64_t> events;  // site -> times reached
  std::map<std::string, uint64_t> pairs;   // "A => B" -> times reached
  // Checks per invariant, index InvariantId (0 unused).
  std::array<uint64_t, properties::kInvariantCount + 1> checks{};

  bool operator==(const RunCoverage&) const = default;
};

// " => ", the separator of a pair's two sites.
inline constexpr char kPairSeparator[] = " => ";

// Records the pool events of the runs on this OS thread while it lives (it installs
// itself as the thread's PoolEventSink and restores the previous one when destroyed).
class CoverageRecorder : public model::sql::PoolEventSink {
 public:
  CoverageRecorder();
  ~CoverageRecorder() override;
  CoverageRecorder(const CoverageRecorder&) = delete;
  CoverageRecorder& operator=(const CoverageRecorder&) = delete;

  void OnPoolEvent(uint64_t site_hash, absl::FunctionRef<std::string()> site) override;
  // The run's coverage, with the invariant checks the Monitor made.
  RunCoverage Finish(const properties::MonitorCounters& counters,
                     const properties::MonitorOptions& options) const;

 private:
  model::sql::PoolEventSink* previous_;
  // Sites in the order first reached, with their counts; pairs keyed (first << 32 | next).
  absl::flat_hash_map<uint64_t, uint32_t> site_index_;  // by site hash
  std::vector<std::string> site_names_;
  std::vector<uint64_t> site_counts_;
  absl::flat_hash_map<uint64_t, uint64_t> pair_counts_;
  uint32_t last_site_ = 0;
  uint32_t last_goroutine_ = 0;
  bool any_ = false;
};

// The hooks of the Monitor at which each invariant's checker runs, from the hooks each
// checker implements (properties/i*.h): bit 0 after a step, 1 driver call start, 2 driver
// call end, 3 end of run.
uint8_t InvariantCheckPoints(properties::InvariantId id);

// A RunCoverage as text lines and back, to cross a worker's pipe.
std::string EncodeCoverage(const RunCoverage& coverage);
absl::StatusOr<RunCoverage> DecodeCoverage(std::string_view text);

// One point of the saturation curve: after `runs` runs, `species` species seen.
struct SaturationPoint {
  uint64_t runs = 0;
  uint64_t species = 0;
  bool operator==(const SaturationPoint&) const = default;
};

// One species over runs: times reached, in how many runs, and the lowest run index
// that reached it.
struct SpeciesCount {
  uint64_t times = 0;
  uint64_t runs = 0;
  uint64_t first_run = 0;
  bool operator==(const SpeciesCount&) const = default;
};
using SpeciesTable = std::map<std::string, SpeciesCount>;

// Coverage over the runs of an exploration, added in run-index order.
class CoverageTally {
 public:
  // Adds run `run_index`'s coverage (indices ascending).
  void Add(const RunCoverage& run, uint64_t run_index);

  // A tally from its totals (a --json summary read back): no saturation curve until
  // merged (MergeFrom).
  static CoverageTally FromTotals(uint64_t runs, SpeciesTable events, SpeciesTable pairs,
                                  const std::array<uint64_t, properties::kInvariantCount + 1>& checks);
  // Adds another tally over disjoint runs (another shard): counts add up, first runs are
  // the lower, and the saturation curve is recomputed by run index (run k counted as the
  // (k+1)-th), which is the curve of one exploration of the union when the union is
  // runs 0..n-1.
  void MergeFrom(const CoverageTally& other);

  uint64_t runs() const { return runs_; }
  // Totals over runs: times reached (events, pairs), in how many runs, first run.
  const SpeciesTable& events() const { return events_; }
  const SpeciesTable& pairs() const { return pairs_; }
  const std::array<uint64_t, properties::kInvariantCount + 1>& checks() const { return checks_; }
  uint64_t species() const { return events_.size() + pairs_.size(); }
  // Species seen in exactly one run so far.
  uint64_t singletons() const { return singletons_; }
  // Good-Turing: singletons / runs, capped at 1; 1 before any run.
  double ResidualRisk() const;
  // Points where the species count grew, and the last run.
  std::vector<SaturationPoint> Saturation() const;

 private:
  void AddSpecies(SpeciesTable& table, const std::string& key, uint64_t times,
                  uint64_t run_index);
  // Singletons and the saturation curve (by first run index) from the tables.
  void RecountFromTables();

  uint64_t runs_ = 0;
  uint64_t singletons_ = 0;
  SpeciesTable events_;
  SpeciesTable pairs_;
  std::array<uint64_t, properties::kInvariantCount + 1> checks_{};
  std::vector<SaturationPoint> growth_;
};

}  // namespace explore
