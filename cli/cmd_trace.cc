// `poolcheck trace TOKEN|FILE`: the full interleaving of a token's run, as text lanes (one
// column per goroutine) or as a Chrome trace-event timeline for Perfetto.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/render/chrome_trace.h"
#include "cli/render/text_lanes.h"
#include "cli/token_input.h"
#include "cli/values.h"
#include "cli/report.h"
#include "explore/crash.h"
#include "explore/isolated.h"
#include "explore/runner.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck trace TOKEN|FILE [--format text|perfetto] [-o FILE]\n\n"
    "Reruns a token's run with its full trace and writes the interleaving:\n"
    "  text      one column (lane) per goroutine, one row per event, with the step and\n"
    "            virtual time at the left\n"
    "  perfetto  Chrome trace-event JSON: open it at https://ui.perfetto.dev or in\n"
    "            chrome://tracing (one track per goroutine, running slices, pool and driver\n"
    "            events, blocking, wake-ups with arrows from waker to woken)\n\n"
    "flags:\n"
    "  --format FORMAT       text (default) or perfetto\n"
    "  -o, --output FILE     write there instead of stdout\n"
    "  --goroutines IDS      text: only these lanes, e.g. 0,3,7\n"
    "  --width N             text: characters per lane (default 26)\n"
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
    for (const std::string& id : std::vector<std::string>(absl::StrSplit(*ids, ','))) {
      absl::StatusOr<uint64_t> g = ParseUint("--goroutines", id, 0, UINT32_MAX);
      if (!g.ok()) return g.status();
      options.goroutines.push_back(static_cast<uint32_t>(*g));
    }
  }
  return options;
}

// What to render, checked before the (possibly long) rerun.
struct TraceRequest {
  bool perfetto = false;
  TextLanesOptions text;
};

absl::StatusOr<TraceRequest> ParseTraceRequest(const ParsedArgs& args) {
  TraceRequest req;
  const std::string format = args.Get("--format").value_or("text");
  if (format != "text" && format != "perfetto" && format != "chrome") {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown trace format '", format, "' (known: text, perfetto)"));
  }
  req.perfetto = format != "text";
  absl::StatusOr<TextLanesOptions> text = ParseTextOptions(args);
  if (!text.ok()) return text.status();
  req.text = *std::move(text);
  return req;
}

std::string Render(const TraceRequest& req, const explore::RunReport& report) {
  if (!req.perfetto) return RenderTextLanes(report.result.trace, req.text);
  ChromeTraceOptions options;
  options.process_name = absl::StrCat("poolcheck ", report.target.scenario, " pool=",
                                      std::string(model::sql::PoolVersionName(report.target.pool)), " run ",
                                      report.run_index);
  return RenderChromeTrace(report.result.trace, options);
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
