// The exploration's HTML report: see html_report.h.
#include "cli/render/html_report.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/coverage_summary.h"
#include "cli/render/timeline_html.h"
#include "properties/invariant.h"

namespace cli {
namespace {

constexpr char kStyle[] = R"css(
body { font: 14px sans-serif; margin: 20px; max-width: 1200px; }
table { border-collapse: collapse; margin: 8px 0 20px; }
td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
td.n { text-align: right; font-family: monospace; }
.pass { color: #070; } .fail { color: #c00; }
code.token { word-break: break-all; display: block; background: #f4f4f4; padding: 6px; }
pre { background: #f8f8f8; padding: 8px; overflow: auto; }
)css";

constexpr int kPlotW = 640, kPlotH = 240, kMargin = 48;

std::string CountTable(const char* id, const char* what, const explore::SpeciesTable& table) {
  std::string out = absl::StrCat("<table id=\"", id, "\"><tr><th>", what,
                                 "</th><th>times</th><th>runs</th></tr>\n");
  for (const auto& [name, counts] : table) {
    absl::StrAppend(&out, "<tr class=\"covered\"><td>", HtmlEscape(name), "</td><td class=\"n\">",
                    counts.times, "</td><td class=\"n\">", counts.runs, "</td></tr>\n");
  }
  return out + "</table>\n";
}

std::string InvariantTable(const explore::CoverageTally& c) {
  std::string out = "<table id=\"invariants\"><tr><th>invariant</th><th>checks</th></tr>\n";
  for (int i = 1; i <= properties::kInvariantCount; ++i) {
    absl::StrAppend(&out, "<tr><td>",
                    std::string(properties::InvariantName(static_cast<properties::InvariantId>(i))),
                    "</td><td class=\"n\">", c.checks()[i], "</td></tr>\n");
  }
  return out + "</table>\n";
}

std::string SummarySection(const ExploreOutcome& o) {
  const bool passed = o.summary.failures == 0;
  return absl::StrCat(
      "<section id=\"summary\"><h1>poolcheck explore: <span class=\"", passed ? "pass" : "fail",
      "\">", passed ? "passed" : "FAILED", "</span></h1>\n<p>", HtmlEscape(ExplorationTitle(o)),
      "</p>\n<table><tr><td>runs</td><td class=\"n\">", o.summary.runs_done,
      "</td></tr><tr><td>failing runs</td><td class=\"n\">", o.summary.failures,
      "</td></tr><tr><td>distinct interleavings</td><td class=\"n\">",
      o.summary.distinct_interleavings, "</td></tr><tr><td>residual risk</td><td class=\"n\">",
      FormatRisk(o.summary.coverage.ResidualRisk()), "</td></tr></table>\n<p>",
      HtmlEscape(RiskLine(o.summary)), "</p></section>\n");
}

std::string FailureSection(const ExploreOutcome& o, bool has_trace) {
  std::string out = "<section id=\"failures\"><h2>Failures</h2>\n";
  const std::optional<explore::RunReport>& f = o.summary.first_failure;
  if (!f) return out + "<p>No run failed.</p></section>\n";
  absl::StrAppend(&out, "<h3>", HtmlEscape(f->result.failure.Name()), " in run ", f->run_index,
                  "</h3>\n<p>", HtmlEscape(f->result.message), "</p>\n<p>token:</p><code class=\"token\">",
                  HtmlEscape(o.failure_token), "</code>\n");
  if (has_trace) {
    absl::StrAppend(&out, "<p><a class=\"trace\" href=\"", kReportTraceFile,
                    "\">timeline of this run</a> (offline page)</p>\n");
  }
  return absl::StrCat(out, "<pre>", HtmlEscape(o.failure_report), "</pre></section>\n");
}

}  // namespace

std::string SaturationSvg(const explore::CoverageTally& coverage) {
  const std::vector<explore::SaturationPoint> curve = coverage.Saturation();
  const double max_runs = std::max<double>(1, static_cast<double>(coverage.runs()));
  const double max_species = std::max<double>(1, static_cast<double>(coverage.species()));
  auto x = [&](double runs) { return kMargin + runs / max_runs * (kPlotW - 2 * kMargin); };
  auto y = [&](double species) { return kPlotH - kMargin - species / max_species * (kPlotH - 2 * kMargin); };
  std::string points = absl::StrFormat("%.1f,%.1f", x(0), y(0));
  uint64_t last = 0;
  for (const explore::SaturationPoint& p : curve) {  // a step: flat, then up
    absl::StrAppend(&points, absl::StrFormat(" %.1f,%.1f %.1f,%.1f", x(p.runs), y(last),
                                             x(p.runs), y(p.species)));
    last = p.species;
  }
  return absl::StrFormat(
      "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>"
      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>"
      "<polyline fill=\"none\" stroke=\"#06c\" stroke-width=\"2\" points=\"%s\"/>"
      "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">runs (%d)</text>"
      "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">"
      "behaviours seen (%d)</text></svg>",
      kPlotW, kPlotH, kPlotW, kPlotH, kMargin, kPlotH - kMargin, kPlotW - kMargin,
      kPlotH - kMargin, kMargin, kMargin, kMargin, kPlotH - kMargin, points, kPlotW / 2,
      kPlotH - 12, coverage.runs(), kPlotH / 2, kPlotH / 2, coverage.species());
}

std::string RenderHtmlReport(const ExploreOutcome& o, bool has_trace) {
  const explore::CoverageTally& c = o.summary.coverage;
  return absl::StrCat(
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>poolcheck report: ",
      HtmlEscape(ExplorationTitle(o)), "</title>\n<style>", kStyle, "</style></head><body>\n",
      SummarySection(o), "<section id=\"saturation\"><h2>Saturation</h2>\n",
      "<p>Behaviours (pool events and cross-goroutine pairs) seen against runs; a flat end "
      "means more runs of this kind find little new.</p>\n",
      SaturationSvg(c), "</section>\n", FailureSection(o, has_trace),
      "<section id=\"coverage\"><h2>Pool events reached</h2>\n",
      CountTable("coverage-events", "pool event (site)", c.events()),
      "<h2>Ordered pairs of pool events from different goroutines</h2>\n",
      CountTable("coverage-pairs", "event =&gt; next event on another goroutine", c.pairs()),
      "<h2>Invariant checks</h2>\n", InvariantTable(c), "</section>\n</body></html>\n");
}

}  // namespace cli
