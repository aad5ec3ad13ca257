// JUnit XML for CI systems (--junit FILE): one testsuite "poolcheck" with one testcase per
// exploration; a failing run becomes a <failure> whose body is the failure report.
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

std::string FailureElement(const ExploreOutcome& o) {
  const explore::RunReport& f = *o.summary.first_failure;
  const std::string message = absl::StrCat(f.result.failure.Name(), " in run ", f.run_index, ": ",
                                           f.result.message.substr(0, f.result.message.find('\n')));
  return absl::StrCat("      <failure type=\"", XmlEscape(f.result.failure.Name()),
                      "\" message=\"", XmlEscape(message), "\">", XmlEscape(o.failure_report),
                      "</failure>\n");
}

}  // namespace

std::string FormatJUnitXml(const ExploreOutcome& o) {
  const bool failed = o.summary.first_failure.has_value();
  const std::string time = Seconds(o.elapsed_ms);
  const char* fails = failed ? "1" : "0";
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  absl::StrAppend(&xml, "<testsuites tests=\"1\" failures=\"", fails, "\" errors=\"0\" time=\"",
                  time, "\">\n");
  absl::StrAppend(&xml, "  <testsuite name=\"poolcheck\" tests=\"1\" failures=\"", fails,
                  "\" errors=\"0\" skipped=\"0\" time=\"", time, "\">\n");
  absl::StrAppend(&xml, "    <testcase classname=\"poolcheck.", XmlEscape(o.scenario),
                  "\" name=\"", XmlEscape(ExplorationTitle(o)), "\" time=\"", time, "\">\n");
  if (failed) xml += FailureElement(o);
  absl::StrAppend(&xml, "      <system-out>", XmlEscape(absl::StrCat(
      o.summary.runs_done, " runs, ", o.summary.failures, " failing, ",
      o.summary.distinct_interleavings, " distinct interleavings")), "</system-out>\n");
  xml += "    </testcase>\n  </testsuite>\n</testsuites>\n";
  return xml;
}

}  // namespace cli
