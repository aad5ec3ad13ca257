// `poolcheck replay TOKEN|FILE`: reruns exactly the run a token describes and prints the
// same report explore printed for it (or a PASS line if the run does not fail).
#include "cli/args.h"
#include "cli/command.h"
#include "cli/rerun.h"
#include "cli/token_input.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck replay TOKEN|FILE\n\n"
    "Reruns exactly the run a replay token describes (the token itself, or a file written\n"
    "by explore --save-failure or shrink --save) and prints its failure report, byte for\n"
    "byte what explore printed. Exit 1 when the run fails, 0 when it passes, 2 when the\n"
    "token is malformed, from another version, or does not replay on this build.\n";

int RunReplay(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed =
      ParseCommandArgs(args, {}, 1, 1, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  absl::StatusOr<LoadedToken> loaded = LoadToken(parsed->positional()[0]);
  if (!loaded.ok()) return ReportError(io, loaded.status());
  absl::StatusOr<PrintedRun> printed = ReplayAndFormat(loaded->token, loaded->replay_arg);
  if (!printed.ok()) return ReportError(io, printed.status());
  io.out << printed->text;
  return printed->failed() ? kExitFailure : kExitOk;
}

}  // namespace

const Command kReplayCommand = {"replay", "rerun a token's run exactly and print its report",
                                kHelp, &RunReplay};

}  // namespace cli
