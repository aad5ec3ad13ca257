// The coverage and residual-risk part of explore's summary, as text and as JSON fields:
// which pool events and cross-goroutine pairs of pool events the runs reached and how
// often, how many times each invariant was checked, the Good-Turing residual risk and the
// saturation curve (explore/coverage.h).
#pragma once

#include <string>

#include "cli/json_writer.h"
#include "explore/runner.h"

namespace cli {

// Lines for the text summary, ending in a newline: the risk line first, then the tables.
std::string FormatCoverageText(const explore::ExploreSummary& summary);

// The residual-risk line alone: "residual risk 0.0400 (Good-Turing: 4 behaviours seen in
// one run / 100 runs; 231 behaviours)".
std::string RiskLine(const explore::ExploreSummary& summary);

// Writes the keys "coverage" and "residual_risk" into the open JSON object.
void WriteCoverageJson(const explore::ExploreSummary& summary, JsonWriter& json);

// "%.3g" of a probability, for text and HTML.
std::string FormatRisk(double risk);

}  // namespace cli
