// What every subcommand shares: its table entry (name, summary, help, entry point), the
// output streams it writes to, and the exit codes. Errors a user can fix are one line on
// stderr, "poolcheck: <what is wrong>", and exit code 2.
#pragma once

#include <optional>
#include <ostream>
#include <span>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "cli/args.h"

namespace cli {

// Every exit code poolcheck uses (`poolcheck help` prints this table). A finding wins:
// when a run failed, the exit code is 1 even if a write failed or a signal stopped the
// exploration afterwards (the finding is printed before any such error).
enum ExitCode : int {
  kExitOk = 0,          // no failure found
  kExitFailure = 1,     // a run failed (explore found one, replay reproduced one), including
                        // a run that crashed the pool under test (failure "crash")
  kExitBadInput = 2,    // unknown subcommand/scenario/parameter/flag, bad value or token
  kExitInternal = 3,    // a bug in poolcheck itself: an explore worker exited with an error
                        // (reported at once), fork/pipe failed, no memory for a fiber stack
  kExitNoRuns = 4,      // the budget ran out before any run: nothing was checked
  kExitIncomplete = kExitNoRuns,  // the same code from verify: the budget ran out before
                                  // its search covered every interleaving (not a proof)
  kExitWriteError = 5,  // nothing failed, but an output (file or stdout) could not be written
  kExitSignalBase = 128,  // + the signal: explore stopped by SIGINT (130) or SIGTERM (143)
                          // after writing its summary and files for the runs done
};

// The table above as text, for help screens.
extern const char kExitCodesHelp[];

struct CommandIo {
  std::ostream& out;
  std::ostream& err;
  bool err_is_terminal = false;  // show a progress line on err
};

struct Command {
  absl::string_view name;
  absl::string_view summary;  // one line for `poolcheck help`
  absl::string_view help;     // the full --help text
  int (*run)(std::span<const std::string> args, CommandIo& io);
};

// Prints "poolcheck: <status message>" as exactly one line on io.err and returns the exit
// code for it: kExitBadInput for InvalidArgument / NotFound / FailedPrecondition /
// OutOfRange, kExitWriteError for Unavailable / AlreadyExists (a file or stdout could not
// be written: cli/atomic_file.h), kExitInternal otherwise.
int ReportError(CommandIo& io, const absl::Status& status);

// Parses a subcommand's words (see ParseArgs). On --help prints `help` and on bad input
// reports the error; then returns nullopt with *exit_code set to what the command returns.
std::optional<ParsedArgs> ParseCommandArgs(std::span<const std::string> args,
                                           std::span<const FlagSpec> flags,
                                           size_t min_positional, size_t max_positional,
                                           absl::string_view help, CommandIo& io,
                                           int* exit_code);

// Runs poolcheck with the words after the program name; returns the exit code.
int RunPoolcheck(std::span<const std::string> args, CommandIo& io);

// The subcommands (each defined in its cmd_<name>.cc).
extern const Command kListCommand;
extern const Command kExploreCommand;
extern const Command kReplayCommand;
extern const Command kShrinkCommand;
extern const Command kTraceCommand;
extern const Command kMergeCommand;
extern const Command kVerifyCommand;
extern const Command kFuzzCommand;
extern const Command kExportCommand;

}  // namespace cli
