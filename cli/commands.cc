// The subcommand table, top-level help and dispatch: see command.h.
#include <exception>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "cli/command.h"
#include "explore/build_identity.h"

namespace cli {
namespace {

const Command* const kCommands[] = {&kListCommand, &kExploreCommand, &kReplayCommand,
                                    &kShrinkCommand, &kTraceCommand, &kMergeCommand,
                                    &kVerifyCommand, &kFuzzCommand, &kExportCommand};

void PrintTopLevelHelp(std::ostream& out) {
  out << "poolcheck: deterministic schedule exploration of Go's database/sql pool\n\n"
         "usage: poolcheck <command> [arguments]\n\ncommands:\n";
  for (const Command* c : kCommands) {
    out << "  " << c->name << std::string(10 - c->name.size(), ' ') << c->summary << "\n";
  }
  out << "\n'poolcheck <command> --help' shows a command's flags; 'poolcheck --version' the\n"
         "build (its source commit, also recorded in tokens and JSON summaries).\n"
         "\n" << kExitCodesHelp;
}

bool IsBadInput(absl::StatusCode code) {
  return code == absl::StatusCode::kInvalidArgument || code == absl::StatusCode::kNotFound ||
         code == absl::StatusCode::kFailedPrecondition || code == absl::StatusCode::kOutOfRange;
}

bool IsWriteError(absl::StatusCode code) {
  return code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kAlreadyExists;
}

}  // namespace

const char kExitCodesHelp[] =
    "exit codes:\n"
    "  0    no run failed\n"
    "  1    a run failed (also when a write failed or a signal came after the finding);\n"
    "       a run that crashed the pool under test is a failure 'crash' with a token\n"
    "  2    bad input (flag, value, scenario, token, file)\n"
    "  3    internal error in poolcheck: an explore worker exited with an error (reported at\n"
    "       once), a failed fork or pipe, or no memory for a fiber stack\n"
    "  4    the budget ran out before any run (nothing was checked: not a pass), or before\n"
    "       verify's search covered every interleaving (not a proof)\n"
    "  5    nothing failed, but an output file or stdout could not be written\n"
    "  130  explore stopped by SIGINT (143: SIGTERM) after writing what it found\n";

int ReportError(CommandIo& io, const absl::Status& status) {
  std::string message(status.message());
  if (message.empty()) message = status.ToString();
  message = absl::StrReplaceAll(message, {{"\r", " "}, {"\n", "; "}});
  const bool expected = IsBadInput(status.code()) || IsWriteError(status.code());
  io.err << "poolcheck: " << (expected ? "" : "internal error: ") << message << "\n";
  io.err.flush();
  if (IsBadInput(status.code())) return kExitBadInput;
  return IsWriteError(status.code()) ? kExitWriteError : kExitInternal;
}

std::optional<ParsedArgs> ParseCommandArgs(std::span<const std::string> args,
                                           std::span<const FlagSpec> flags,
                                           size_t min_positional, size_t max_positional,
                                           absl::string_view help, CommandIo& io,
                                           int* exit_code) {
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(args, flags, min_positional, max_positional);
  if (!parsed.ok()) {
    // Name the usage, so "missing argument" says which argument.
    const absl::string_view usage = help.substr(0, help.find('\n'));
    *exit_code = ReportError(io, absl::InvalidArgumentError(
                                     absl::StrCat(parsed.status().message(), " (", usage, ")")));
    return std::nullopt;
  }
  if (parsed->help()) {
    io.out << help;
    *exit_code = kExitOk;
    return std::nullopt;
  }
  return *std::move(parsed);
}

int RunPoolcheck(std::span<const std::string> args, CommandIo& io) {
  if (args.empty()) {
    return ReportError(io, absl::InvalidArgumentError(
                               "missing command (try: poolcheck help)"));
  }
  if (args[0] == "--version" || args[0] == "version") {
    io.out << explore::BuildIdentity() << "\n";
    return kExitOk;
  }
  if (args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    if (args.size() >= 2) {
      for (const Command* c : kCommands) {
        if (c->name == args[1]) {
          io.out << c->help;
          return kExitOk;
        }
      }
    }
    PrintTopLevelHelp(io.out);
    return kExitOk;
  }
  for (const Command* c : kCommands) {
    if (c->name != args[0]) continue;
    int code = kExitOk;
    try {
      code = c->run(args.subspan(1), io);
    } catch (const std::exception& e) {
      code = ReportError(io, absl::InternalError(e.what()));
    }
    // Output that never arrived (a full disk, a closed pipe) is never a silent success.
    if (!io.out.flush()) {
      const int write_code = ReportError(io, absl::UnavailableError("cannot write standard output"));
      if (code == kExitOk) code = write_code;
    }
    return code;
  }
  return ReportError(io, absl::InvalidArgumentError(absl::StrCat(
                             "unknown command '", args[0],
                             "' (commands: list, explore, replay, shrink, trace, merge, verify, fuzz, export; see poolcheck help)")));
}

}  // namespace cli
