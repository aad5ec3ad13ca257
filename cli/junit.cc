// JUnit XML for CI systems (--junit FILE): one testsuite "poolcheck" with one testcase per
// exploration, named stably (JUnitTestName; seed, runs, time and shard are <properties>);
// a failing run becomes a <failure> whose body lists every distinct failure with its token
// and then the first one's report; zero runs or an interrupted exploration is an <error>.
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/explore_outcome.h"

namespace cli {
namespace {

// Text for XML attribute values and element content. Characters XML 1.0 cannot carry
// (control characters other than tab, newline, carriage return) become '?'.
std::string XmlEscape(absl::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out.push_back('?');
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

std::string Seconds(uint64_t ms) {
  return absl::StrCat(ms / 1000, ".", absl::Dec(ms % 1000, absl::kZeroPad3));
}

// Every distinct failure, one line each with its token, then the first one's report.
std::string FailureBody(const ExploreOutcome& o) {
  std::string body;
  for (const FailureOutput& f : o.failures) {
    absl::StrAppend(&body, f.failure_id, f.location.empty() ? "" : " at ", f.location, ": ",
                    f.runs, " failing runs, first run ", f.first_run, ": ", f.shape,
                    "\n  token ", f.token, "\n");
  }
  if (!body.empty()) body += "\n";
  return body + o.failure_report;
}

std::string FailureElement(const ExploreOutcome& o) {
  const explore::RunReport& f = *o.summary.first_failure;
  const std::string message = absl::StrCat(f.result.failure.Name(), " in run ", f.run_index, ": ",
                                           f.result.message.substr(0, f.result.message.find('\n')));
  return absl::StrCat("      <failure type=\"", XmlEscape(f.result.failure.Name()),
                      "\" message=\"", XmlEscape(message), "\">", XmlEscape(FailureBody(o)),
                      "</failure>\n");
}

// An exploration that checked nothing, or was stopped, is an error, never a pass.
std::string ErrorElement(const ExploreOutcome& o) {
  const ExploreStatus status = StatusOf(o);
  const std::string message =
      status == ExploreStatus::kNoRuns
          ? "the budget ran out before any run: nothing was checked"
          : absl::StrCat("stopped by ", SignalName(o.stopped_by_signal), " after ",
                         o.summary.runs_done, " runs");
  return absl::StrCat("      <error type=\"", StatusName(status), "\" message=\"",
                      XmlEscape(message), "\"/>\n");
}

std::string Properties(const ExploreOutcome& o) {
  std::vector<std::pair<std::string, std::string>> props = {
      {"build", o.build},
      {"seed", absl::StrCat(o.seed)},
      {"runs_requested", o.runs_requested > 0 ? absl::StrCat(o.runs_requested) : "none"},
      {"time_budget_s", o.time_budget_s > 0 ? absl::StrCat(o.time_budget_s) : "none"},
      {"shard", absl::StrCat(o.shard.index, "/", o.shard.count)},
      {"jobs", absl::StrCat(o.jobs)},
      {"runs_done", absl::StrCat(o.summary.runs_done)},
      {"failures", absl::StrCat(o.summary.failures)},
      {"known_bug_consequences", absl::StrCat(o.summary.known_bug_runs)},
      {"known_bug_panics", absl::StrCat(o.summary.known_bug_panics)},
      {"distinct_interleavings", absl::StrCat(o.summary.distinct_interleavings)},
      {"status", std::string(StatusName(StatusOf(o)))}};
  std::string xml = "      <properties>\n";
  for (const auto& [name, value] : props) {
    absl::StrAppend(&xml, "        <property name=\"", name, "\" value=\"", XmlEscape(value),
                    "\"/>\n");
  }
  return xml + "      </properties>\n";
}

}  // namespace

std::string FormatJUnitXml(const ExploreOutcome& o) {
  const ExploreStatus status = StatusOf(o);
  const bool failed = status == ExploreStatus::kFailed && o.summary.first_failure.has_value();
  const bool error = status == ExploreStatus::kNoRuns || status == ExploreStatus::kInterrupted;
  const std::string time = Seconds(o.elapsed_ms);
  const char* fails = failed ? "1" : "0";
  const char* errors = error ? "1" : "0";
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  absl::StrAppend(&xml, "<testsuites tests=\"1\" failures=\"", fails, "\" errors=\"", errors,
                  "\" time=\"", time, "\">\n");
  absl::StrAppend(&xml, "  <testsuite name=\"poolcheck\" tests=\"1\" failures=\"", fails,
                  "\" errors=\"", errors, "\" skipped=\"0\" time=\"", time, "\">\n");
  absl::StrAppend(&xml, "    <testcase classname=\"poolcheck.", XmlEscape(o.scenario),
                  "\" name=\"", XmlEscape(JUnitTestName(o)), "\" time=\"", time, "\">\n");
  xml += Properties(o);
  if (failed) xml += FailureElement(o);
  if (error) xml += ErrorElement(o);
  absl::StrAppend(&xml, "      <system-out>", XmlEscape(absl::StrCat(
      ExplorationTitle(o), ": ", o.summary.runs_done, " runs, ", o.summary.failures,
      " failing, ", o.summary.distinct_interleavings, " distinct interleavings")),
      "</system-out>\n");
  xml += "    </testcase>\n  </testsuite>\n</testsuites>\n";
  return xml;
}

}  // namespace cli
