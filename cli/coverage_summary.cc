// Coverage and residual risk in the explore summary: see coverage_summary.h.
#include "cli/coverage_summary.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "properties/invariant.h"

namespace cli {
namespace {

// Pairs shown in the text summary (most runs first); the JSON and the report list all.
constexpr size_t kTextPairs = 12;

using explore::SpeciesTable;

void WriteTable(const SpeciesTable& table, JsonWriter& json) {
  json.BeginArray();
  for (const auto& [name, counts] : table) {
    json.Newline().BeginObject().Key("name").String(name);
    json.Key("times").Uint(counts.times).Key("runs").Uint(counts.runs);
    json.Key("first_run").Uint(counts.first_run).EndObject();
  }
  json.EndArray();
}

std::vector<std::pair<std::string, explore::SpeciesCount>> ByRuns(const SpeciesTable& table) {
  std::vector<std::pair<std::string, explore::SpeciesCount>> rows(table.begin(), table.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second.runs > b.second.runs;
  });
  return rows;
}

}  // namespace

std::string FormatRisk(double risk) { return absl::StrFormat("%.3g", risk); }

std::string RiskLine(const explore::ExploreSummary& summary) {
  const explore::CoverageTally& c = summary.coverage;
  return absl::StrCat("residual risk ", FormatRisk(c.ResidualRisk()),
                      " (Good-Turing: ", c.singletons(), " behaviours seen in one run / ",
                      c.runs(), " runs; ", c.species(), " behaviours = ", c.events().size(),
                      " pool events + ", c.pairs().size(), " cross-goroutine pairs)",
                      summary.risk_reached ? ", below --until-risk: stopped" : "");
}

std::string FormatCoverageText(const explore::ExploreSummary& summary) {
  const explore::CoverageTally& c = summary.coverage;
  std::string out = RiskLine(summary) + "\n";
  absl::StrAppend(&out, "saturation (runs:behaviours):");
  for (const explore::SaturationPoint& p : c.Saturation()) {
    absl::StrAppend(&out, " ", p.runs, ":", p.species);
  }
  absl::StrAppend(&out, "\npool events reached (times, runs):\n");
  for (const auto& [site, counts] : ByRuns(c.events())) {
    absl::StrAppend(&out, absl::StrFormat("  %10d %7d  %s\n", counts.times, counts.runs, site));
  }
  absl::StrAppend(&out, "cross-goroutine pairs reached: ", c.pairs().size(), ", most frequent:\n");
  const auto pairs = ByRuns(c.pairs());
  for (size_t i = 0; i < pairs.size() && i < kTextPairs; ++i) {
    absl::StrAppend(&out, absl::StrFormat("  %10d %7d  %s\n", pairs[i].second.times,
                                          pairs[i].second.runs, pairs[i].first));
  }
  absl::StrAppend(&out, "invariant checks:");
  for (int i = 1; i <= properties::kInvariantCount; ++i) {
    absl::StrAppend(&out, " ",
                    std::string(properties::InvariantName(static_cast<properties::InvariantId>(i))),
                    "=", c.checks()[i]);
  }
  return out + "\n";
}

void WriteCoverageJson(const explore::ExploreSummary& summary, JsonWriter& json) {
  const explore::CoverageTally& c = summary.coverage;
  json.Key("coverage").BeginObject();
  json.Key("pool_events");
  WriteTable(c.events(), json);
  json.Key("pool_event_pairs");
  WriteTable(c.pairs(), json);
  json.Key("invariant_checks").BeginObject();
  for (int i = 1; i <= properties::kInvariantCount; ++i) {
    json.Key(std::string(properties::InvariantName(static_cast<properties::InvariantId>(i))))
        .Uint(c.checks()[i]);
  }
  json.EndObject().EndObject();
  json.Key("residual_risk").BeginObject();
  json.Key("estimate").Decimal(static_cast<int64_t>(c.ResidualRisk() * 1e9 + 0.5), 9);
  json.Key("method").String("Good-Turing: behaviours seen in exactly one run / runs (STADS)");
  json.Key("singletons").Uint(c.singletons()).Key("runs").Uint(c.runs());
  json.Key("behaviours").Uint(c.species());
  json.Key("stopped_by_until_risk").Bool(summary.risk_reached);
  json.Key("saturation").BeginArray();
  for (const explore::SaturationPoint& p : c.Saturation()) {
    json.BeginArray().Uint(p.runs).Uint(p.species).EndArray();
  }
  json.EndArray().EndObject();
}

}  // namespace cli
