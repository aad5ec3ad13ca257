// Coverage and residual risk: see coverage.h.
#include "explore/coverage.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "sim/goroutine.h"

namespace explore {
namespace {

using properties::InvariantId;

constexpr uint8_t kAfterStep = 1, kCallStart = 2, kCallEnd = 4, kEnd = 8;

// Line kinds of the encoding: "e\t<site>\t<n>", "p\t<pair>\t<n>", "c\t<invariant>\t<n>".
absl::Status DecodeLine(std::string_view line, RunCoverage& coverage) {
  const std::vector<std::string> f = absl::StrSplit(std::string(line), '\t');
  uint64_t n = 0;
  if (f.size() != 3 || !absl::SimpleAtoi(f[2], &n)) {
    return absl::DataLossError(absl::StrCat("bad coverage line '", std::string(line), "'"));
  }
  if (f[0] == "e") {
    coverage.events[f[1]] = n;
  } else if (f[0] == "p") {
    coverage.pairs[f[1]] = n;
  } else if (uint32_t id = 0; f[0] == "c" && absl::SimpleAtoi(f[1], &id) &&
                              id >= 1 && id <= properties::kInvariantCount) {
    coverage.checks[id] = n;
  } else {
    return absl::DataLossError(absl::StrCat("bad coverage line '", std::string(line), "'"));
  }
  return absl::OkStatus();
}

}  // namespace

CoverageRecorder::CoverageRecorder() : previous_(model::sql::CurrentPoolEventSink()) {
  model::sql::SetPoolEventSink(this);
}

CoverageRecorder::~CoverageRecorder() { model::sql::SetPoolEventSink(previous_); }

void CoverageRecorder::OnPoolEvent(uint64_t site_hash, absl::FunctionRef<std::string()> site) {
  const uint32_t goroutine = sim::CurrentGoroutine();
  auto [it, added] = site_index_.try_emplace(site_hash, static_cast<uint32_t>(site_names_.size()));
  if (added) {
    site_names_.push_back(site());
    site_counts_.push_back(0);
  }
  const uint32_t index = it->second;
  ++site_counts_[index];
  if (any_ && goroutine != last_goroutine_) {
    ++pair_counts_[(uint64_t{last_site_} << 32) | index];
  }
  last_site_ = index;
  last_goroutine_ = goroutine;
  any_ = true;
}

uint8_t InvariantCheckPoints(InvariantId id) {
  switch (id) {
    case InvariantId::kI1: return kAfterStep | kCallEnd | kEnd;
    case InvariantId::kI2: return kAfterStep | kCallStart;
    case InvariantId::kI3: return kAfterStep | kCallStart | kEnd;
    case InvariantId::kI4: return kEnd;
    case InvariantId::kI5: return kCallStart | kCallEnd;
    case InvariantId::kI6: return kAfterStep | kCallStart | kCallEnd | kEnd;
    case InvariantId::kI7: return kCallStart | kCallEnd;
    case InvariantId::kI8: return kCallStart;
    case InvariantId::kI9: return kAfterStep | kEnd;
    case InvariantId::kI10: return kEnd;
    case InvariantId::kI11: return kCallStart | kCallEnd | kEnd;
    case InvariantId::kI12: return kCallStart | kCallEnd;
  }
  return 0;
}

RunCoverage CoverageRecorder::Finish(const properties::MonitorCounters& counters,
                                     const properties::MonitorOptions& options) const {
  RunCoverage run;
  for (size_t i = 0; i < site_names_.size(); ++i) run.events[site_names_[i]] = site_counts_[i];
  for (const auto& [key, n] : pair_counts_) {
    const std::string& first = site_names_[key >> 32];
    const std::string& next = site_names_[key & 0xffffffffu];
    run.pairs[absl::StrCat(first, kPairSeparator, next)] = n;
  }
  for (int i = 1; i <= properties::kInvariantCount; ++i) {
    const auto id = static_cast<InvariantId>(i);
    if (!options.enabled.Contains(id)) continue;
    const uint8_t points = InvariantCheckPoints(id);
    uint64_t n = 0;
    if (points & kAfterStep) n += counters.step_checks;
    if (points & kCallStart) n += counters.driver_calls;
    if (points & kCallEnd) n += counters.driver_call_ends;
    if (points & kEnd) n += counters.ends_checked;
    run.checks[i] = n;
  }
  return run;
}

std::string EncodeCoverage(const RunCoverage& coverage) {
  std::string out;
  for (const auto& [site, n] : coverage.events) absl::StrAppend(&out, "e\t", site, "\t", n, "\n");
  for (const auto& [pair, n] : coverage.pairs) absl::StrAppend(&out, "p\t", pair, "\t", n, "\n");
  for (int i = 1; i <= properties::kInvariantCount; ++i) {
    if (coverage.checks[i] != 0) absl::StrAppend(&out, "c\t", i, "\t", coverage.checks[i], "\n");
  }
  return out;
}

absl::StatusOr<RunCoverage> DecodeCoverage(std::string_view text) {
  RunCoverage coverage;
  for (const std::string& line :
       std::vector<std::string>(absl::StrSplit(std::string(text), '\n', absl::SkipEmpty()))) {
    if (absl::Status s = DecodeLine(line, coverage); !s.ok()) return s;
  }
  return coverage;
}

void CoverageTally::AddSpecies(SpeciesTable& table, const std::string& key, uint64_t times,
                               uint64_t run_index) {
  SpeciesCount& c = table[key];
  c.times += times;
  if (++c.runs == 1) c.first_run = run_index;
  if (c.runs == 1) ++singletons_;
  if (c.runs == 2) --singletons_;
}

void CoverageTally::Add(const RunCoverage& run, uint64_t run_index) {
  const uint64_t before = species();
  ++runs_;
  for (const auto& [site, n] : run.events) AddSpecies(events_, site, n, run_index);
  for (const auto& [pair, n] : run.pairs) AddSpecies(pairs_, pair, n, run_index);
  for (int i = 1; i <= properties::kInvariantCount; ++i) checks_[i] += run.checks[i];
  if (species() != before) growth_.push_back({runs_, species()});
}

CoverageTally CoverageTally::FromTotals(
    uint64_t runs, SpeciesTable events, SpeciesTable pairs,
    const std::array<uint64_t, properties::kInvariantCount + 1>& checks) {
  CoverageTally tally;
  tally.runs_ = runs;
  tally.events_ = std::move(events);
  tally.pairs_ = std::move(pairs);
  tally.checks_ = checks;
  tally.RecountFromTables();
  tally.growth_.clear();  // a curve needs the shards merged: see MergeFrom
  return tally;
}

void CoverageTally::MergeFrom(const CoverageTally& other) {
  runs_ += other.runs_;
  for (auto [table, theirs] : {std::pair{&events_, &other.events_}, {&pairs_, &other.pairs_}}) {
    for (const auto& [key, c] : *theirs) {
      auto [it, added] = table->try_emplace(key, c);
      if (added) continue;
      it->second.times += c.times;
      it->second.runs += c.runs;
      it->second.first_run = std::min(it->second.first_run, c.first_run);
    }
  }
  for (int i = 1; i <= properties::kInvariantCount; ++i) checks_[i] += other.checks_[i];
  RecountFromTables();
}

void CoverageTally::RecountFromTables() {
  singletons_ = 0;
  std::map<uint64_t, uint64_t> new_at;  // first run index -> species first seen there
  for (const SpeciesTable* table : {&events_, &pairs_}) {
    for (const auto& [key, c] : *table) {
      if (c.runs == 1) ++singletons_;
      ++new_at[c.first_run];
    }
  }
  growth_.clear();
  uint64_t seen = 0;
  for (const auto& [index, n] : new_at) {
    seen += n;
    growth_.push_back({index + 1, seen});
  }
}

double CoverageTally::ResidualRisk() const {
  if (runs_ == 0) return 1.0;
  return std::min(1.0, static_cast<double>(singletons_) / static_cast<double>(runs_));
}

std::vector<SaturationPoint> CoverageTally::Saturation() const {
  std::vector<SaturationPoint> curve = growth_;
  if (runs_ > 0 && (curve.empty() || curve.back().runs != runs_)) curve.push_back({runs_, species()});
  return curve;
}

}  // namespace explore
