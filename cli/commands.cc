// The subcommand table, top-level help and dispatch: see command.h.
#include <exception>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "cli/command.h"

namespace cli {
namespace {

const Command* const kCommands[] = {&kListCommand, &kExploreCommand, &kReplayCommand,
                                    &kShrinkCommand, &kTraceCommand, &kVerifyCommand};

void PrintTopLevelHelp(std::ostream& out) {
  out << "poolcheck: deterministic schedule exploration of Go's database/sql pool\n\n"
         "usage: poolcheck <command> [arguments]\n\ncommands:\n";
  for (const Command* c : kCommands) {
    out << "  " << c->name << std::string(10 - c->name.size(), ' ') << c->summary << "\n";
  }
  out << "\n'poolcheck <command> --help' shows a command's flags.\n"
         "exit codes: 0 no failure, 1 a run failed, 2 bad input, 3 internal error,\n"
         "4 verify's budget ran out before its search did.\n";
}

bool IsBadInput(absl::StatusCode code) {
  return code == absl::StatusCode::kInvalidArgument || code == absl::StatusCode::kNotFound ||
         code == absl::StatusCode::kFailedPrecondition || code == absl::StatusCode::kOutOfRange;
}

}  // namespace

int ReportError(CommandIo& io, const absl::Status& status) {
  std::string message(status.message());
  if (message.empty()) message = status.ToString();
  message = absl::StrReplaceAll(message, {{"\r", " "}, {"\n", "; "}});
  io.err << "poolcheck: " << (IsBadInput(status.code()) ? "" : "internal error: ") << message
         << "\n";
  io.err.flush();
  return IsBadInput(status.code()) ? kExitBadInput : kExitInternal;
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
    try {
      return c->run(args.subspan(1), io);
    } catch (const std::exception& e) {
      return ReportError(io, absl::InternalError(e.what()));
    }
  }
  return ReportError(io, absl::InvalidArgumentError(absl::StrCat(
                             "unknown command '", args[0],
                             "' (commands: list, explore, replay, shrink, trace; see poolcheck help)")));
}

}  // namespace cli
