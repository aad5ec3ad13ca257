// `poolcheck shrink TOKEN|FILE`: minimizes a failing run (explore/shrink.h) and prints
// what it removed, then the smaller run's report with its token.
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/rerun.h"
#include "cli/token_input.h"
#include "cli/values.h"
#include "explore/shrink.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck shrink TOKEN|FILE [--max-runs N] [--no-params] [--save FILE]\n\n"
    "Searches for a smaller run that fails with the same invariant: fewer preemptions and\n"
    "steps in the schedule, and lower integer scenario parameters (fewer clients and\n"
    "operations, a smaller pool) where the scenario still fails. Prints what it removed\n"
    "and the smaller run's report and token. Exit 1 (the failure persists), 2 on bad\n"
    "input or a token whose run does not fail.\n\n"
    "flags:\n"
    "  --max-runs N     candidate runs to try (default 2000)\n"
    "  --no-params      keep the scenario parameters; shrink only the schedule\n"
    "  --save FILE      write the smaller token to FILE (the replay command uses it);\n"
    "                   never replaces another file; if it cannot be written, the report\n"
    "                   (with the token) is still printed first and the exit code stays 1\n";

constexpr FlagSpec kFlags[] = {{"--max-runs", "N"}, {"--no-params", ""}, {"--save", "FILE"}};

std::string Removed(const explore::ShrinkResult& r) {
  std::string text = absl::StrCat("shrunk ", r.failure.Name(), ": steps ", r.steps_before, " -> ",
                                  r.steps_after, ", preemptions ", r.preemptions_before, " -> ",
                                  r.preemptions_after);
  std::vector<std::string> params;
  for (const explore::ParamChange& c : r.params_changed) {
    params.push_back(absl::StrCat(c.name, " ", c.before, " -> ", c.after));
  }
  absl::StrAppend(&text, ", params: ", params.empty() ? "unchanged" : absl::StrJoin(params, ", "));
  absl::StrAppend(&text, " (", r.candidate_runs, " runs tried)\n");
  return text;
}

int RunShrink(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed =
      ParseCommandArgs(args, kFlags, 1, 1, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  explore::ShrinkOptions options;
  options.shrink_params = !parsed->Has("--no-params");
  if (std::optional<std::string> max_runs = parsed->Get("--max-runs")) {
    absl::StatusOr<uint64_t> n = ParseUint("--max-runs", *max_runs, 1, std::numeric_limits<uint32_t>::max());
    if (!n.ok()) return ReportError(io, n.status());
    options.max_runs = *n;
  }
  absl::StatusOr<LoadedToken> loaded = LoadToken(parsed->positional()[0]);
  if (!loaded.ok()) return ReportError(io, loaded.status());
  absl::StatusOr<explore::ShrinkResult> shrunk = explore::Shrink(loaded->token, options);
  if (!shrunk.ok()) return ReportError(io, shrunk.status());
  const std::string token_text = sim::EncodeToken(shrunk->token);
  std::string replay_arg = token_text;
  absl::Status saved;
  if (std::optional<std::string> path = parsed->Get("--save")) {
    const std::string comment = absl::StrCat("poolcheck replay token (shrunk): ", shrunk->failure.Name(),
                                             "\nreplay: poolcheck replay ", *path);
    saved = SaveTokenFile(*path, comment, token_text);
    if (saved.ok()) replay_arg = *path;
  }
  absl::StatusOr<PrintedRun> printed = ReplayAndFormat(shrunk->token, replay_arg);
  if (!printed.ok()) return ReportError(io, printed.status());
  // The smaller run first; a file that could not be written after it, keeping exit 1.
  io.out << Removed(*shrunk) << "\n" << printed->text;
  if (!saved.ok()) {
    io.out.flush();
    const int code = ReportError(io, saved);
    if (!printed->failed()) return code;
  }
  return printed->failed() ? kExitFailure : kExitOk;
}

}  // namespace

const Command kShrinkCommand = {"shrink", "minimize a failing run (schedule and parameters)",
                                kHelp, &RunShrink};

}  // namespace cli
