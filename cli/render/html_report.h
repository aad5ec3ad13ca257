// The --report DIR page of an exploration: one self-contained offline HTML file (no
// script, no external resource) with the summary, the residual risk and the saturation
// plot as inline SVG, the coverage tables (pool events, cross-goroutine pairs, invariant
// checks), and the failure with its token, report and a link to its timeline page.
#pragma once

#include <string>

#include "cli/explore_outcome.h"

namespace cli {

// The file name, inside the report directory, of the failing run's timeline page.
inline constexpr char kReportTraceFile[] = "failure-trace.html";

// index.html of the report. `has_trace` says whether kReportTraceFile was written.
std::string RenderHtmlReport(const ExploreOutcome& outcome, bool has_trace);

// The saturation curve as an inline <svg> (axes, a polyline, labels).
std::string SaturationSvg(const explore::CoverageTally& coverage);

}  // namespace cli
