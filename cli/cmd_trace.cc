// `poolcheck trace TOKEN|FILE`: the full interleaving of a token's run, as text lanes (one
// column per goroutine) or as a Chrome trace-event timeline for Perfetto.
#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/involved.h"
#include "cli/report.h"
#include "cli/render/chrome_trace.h"
#include "cli/render/text_lanes.h"
#include "cli/render/timeline_html.h"
#include "cli/token_input.h"
#include "cli/values.h"
#include "cli/report.h"
#include "explore/crash.h"
#include "explore/isolated.h"
#include "explore/runner.h"

namespace cli {
namespace {

// Lanes the text format shows by default: the goroutines the failure report lists.
const size_t kInvolvedLanes = ReportLimits{}.max_goroutines;

constexpr char kHelp[] =
    "usage: poolcheck trace TOKEN|FILE [--format text|perfetto|html] [-o FILE]\n\n"
    "Reruns a token's run with its full trace and writes the interleaving:\n"
    "  text      one column (lane) per goroutine, one row per event, with the step and\n"
    "            virtual time at the left; long events wrap, none is cut. By default only\n"
    "            the goroutines the failure report names as involved get a lane\n"
    "  perfetto  Chrome trace-event JSON: load it offline in Chromium DevTools'\n"
    "            Performance panel (\"Load profile\") or online at https://ui.perfetto.dev:\n"
    "            one track per goroutine, slices for running, pool events, driver calls\n"
    "            and blocking, arrows from waker to woken; time axis = virtual time plus\n"
    "            a fixed width per event (stated in the file's otherData)\n"
    "  html      the same timeline in one self-contained page that any browser draws\n"
    "            offline\n\n"
    "flags:\n"
    "  --format FORMAT       text (default), perfetto or html\n"
    "  -o, --output FILE     write there instead of stdout\n"
    "  --goroutines IDS|all  text: lanes for these goroutines (e.g. 0,3,7) or for all;\n"
    "                        default: the goroutines the failure involves\n"
    "  --width N             text: characters per lane (default 34)\n"
    "  --show-runs           text: also a row each time another goroutine starts running\n"
    "Exit 1 when the run fails, 0 when it passes, 2 on bad input.\n";

constexpr FlagSpec kFlags[] = {
    {"--format", "FORMAT"}, {"-o", "FILE", false, "--output"}, {"--goroutines", "IDS"},
    {"--width", "N"},       {"--show-runs", ""},
};

absl::StatusOr<TextLanesOptions> ParseTextOptions(const ParsedArgs& args) {
  TextLanesOptions options;
  options.show_runs = args.Has("--show-runs");
  if (std::optional<std::string> width = args.Get("--width")) {
    absl::StatusOr<uint64_t> w = ParseUint("--width", *width, 8, 200);
    if (!w.ok()) return w.status();
    options.lane_width = *w;
  }
  if (std::optional<std::string> ids = args.Get("--goroutines")) {
    if (*ids == "all") return options;
    for (const std::string& id : std::vector<std::string>(absl::StrSplit(*ids, ','))) {
      absl::StatusOr<uint64_t> g = ParseUint("--goroutines", id, 0, UINT32_MAX);
      if (!g.ok()) return g.status();
      options.goroutines.push_back(static_cast<uint32_t>(*g));
    }
  }
  return options;
}

// What to render, checked before the (possibly long) rerun.
enum class TraceFormat { kText, kPerfetto, kHtml };

struct TraceRequest {
  TraceFormat format = TraceFormat::kText;
  bool involved_only = false;  // text: no --goroutines given, show the involved ones
  TextLanesOptions text;
};

absl::StatusOr<TraceRequest> ParseTraceRequest(const ParsedArgs& args) {
  TraceRequest req;
  const std::string format = args.Get("--format").value_or("text");
  if (format == "perfetto" || format == "chrome") {
    req.format = TraceFormat::kPerfetto;
  } else if (format == "html") {
    req.format = TraceFormat::kHtml;
  } else if (format != "text") {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown trace format '", format, "' (known: text, perfetto, html)"));
  }
  absl::StatusOr<TextLanesOptions> text = ParseTextOptions(args);
  if (!text.ok()) return text.status();
  req.text = *std::move(text);
  req.involved_only = !args.Has("--goroutines");
  return req;
}

// How many goroutines the run had (trace names, or ids seen in events).
size_t GoroutineCount(const sim::Trace& trace) {
  size_t count = trace.goroutine_names.size();
  for (const sim::TraceEvent& e : trace.events) count = std::max<size_t>(count, e.goroutine + 1);
  return count;
}

// Text lanes; by default only the goroutines the failure report names as involved, with a
// first line that says so and how to widen.
std::string RenderText(const TraceRequest& req, const explore::RunReport& report) {
  const size_t total = GoroutineCount(report.result.trace);
  if (!req.involved_only || total <= kInvolvedLanes) {
    return RenderTextLanes(report.result.trace, req.text);
  }
  TextLanesOptions options = req.text;
  options.goroutines = InvolvedGoroutines(report.result, kInvolvedLanes);
  std::sort(options.goroutines.begin(), options.goroutines.end());
  const std::string note = absl::StrCat(
      "lanes: the ", options.goroutines.size(), " goroutines ",
      report.result.failed() ? "the failure involves" : "that acted last", ", of ", total,
      " (--goroutines all shows every goroutine; --goroutines 0,3,7 chooses)\n");
  return note + RenderTextLanes(report.result.trace, options);
}

std::string Render(const TraceRequest& req, const explore::RunReport& report) {
  if (req.format == TraceFormat::kText) return RenderText(req, report);
  ChromeTraceOptions options;
  options.process_name = absl::StrCat("poolcheck ", report.target.scenario, " pool=",
                                      std::string(model::sql::PoolVersionName(report.target.pool)), " run ",
                                      report.run_index);
  const std::string json = RenderChromeTrace(report.result.trace, options);
  if (req.format == TraceFormat::kPerfetto) return json;
  return RenderTimelineHtml(json, options.process_name);
}

// The report of a token whose run crashes the process, and why there is no trace.
int ReportCrash(const sim::ReplayToken& token, const std::string& replay_arg, int signal,
                CommandIo& io) {
  absl::StatusOr<explore::RunReport> report = explore::CrashedReplayReport(token, signal);
  if (!report.ok()) return ReportError(io, report.status());
  io.out << FormatFailureReport(*report, replay_arg)
         << "no trace: the run killed the process before it ended, and a trace is kept only "
            "of runs that end\n";
  return kExitFailure;
}

int RunTrace(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed =
      ParseCommandArgs(args, kFlags, 1, 1, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  absl::StatusOr<TraceRequest> req = ParseTraceRequest(*parsed);
  if (!req.ok()) return ReportError(io, req.status());
  absl::StatusOr<LoadedToken> loaded = LoadToken(parsed->positional()[0]);
  if (!loaded.ok()) return ReportError(io, loaded.status());
  // A run that kills its process has no trace to show: say so with its crash report.
  absl::StatusOr<int> signal =
      explore::DeathSignal([&loaded] { (void)explore::Replay(loaded->token, false); });
  if (!signal.ok()) return ReportError(io, signal.status());
  if (*signal != 0) return ReportCrash(loaded->token, parsed->positional()[0], *signal, io);
  absl::StatusOr<explore::RunReport> report = explore::Replay(loaded->token, true);
  if (!report.ok()) return ReportError(io, report.status());
  if (report->result.failure.kind == sim::FailureKind::kDivergence) {
    return ReportError(io, absl::FailedPreconditionError("the token does not replay on this build"));
  }
  const std::string text = Render(*req, *report);
  if (std::optional<std::string> path = parsed->Get("-o")) {
    if (absl::Status s = WriteTextFile(*path, text); !s.ok()) return ReportError(io, s);
    io.out << "wrote " << *path << ": " << report->result.trace.events.size() << " events, "
           << report->result.trace.goroutine_names.size() << " goroutines\n";
  } else {
    io.out << text;
  }
  return report->result.failed() ? kExitFailure : kExitOk;
}

}  // namespace

const Command kTraceCommand = {"trace", "the full interleaving as text lanes or a Perfetto timeline",
                               kHelp, &RunTrace};

}  // namespace cli
