// `poolcheck merge A.json B.json ...`: the --json summaries of an exploration's shards
// combined into the unsharded summary (cli/summary_merge.h), printed as JSON.
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/explore_outcome.h"
#include "cli/summary_merge.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck merge SHARD.json ...\n\n"
    "Combines the --json summaries of the N shards of one exploration (explore --shard i/N,\n"
    "or the shard from CI environment variables) into the JSON summary the unsharded\n"
    "exploration prints: runs and failures add up, distinct interleavings are counted over\n"
    "the union, each distinct failure keeps its lowest run and token, fuzz's reach\n"
    "histogram adds up. Exit 0 when the merged exploration passed, 1 when a run failed,\n"
    "4 when no run ran, 2 on bad input (a file that is not a summary, or not exactly the\n"
    "N shards of one exploration).\n";

absl::StatusOr<ExploreOutcome> ReadSummary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read '", path, "'"));
  std::ostringstream text;
  text << in.rdbuf();
  absl::StatusOr<ExploreOutcome> outcome = OutcomeFromJson(text.str());
  if (!outcome.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("'", path, "': ", outcome.status().message()));
  }
  return outcome;
}

int RunMerge(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed =
      ParseCommandArgs(args, {}, 1, 100000, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  std::vector<ExploreOutcome> shards;
  for (const std::string& path : parsed->positional()) {
    absl::StatusOr<ExploreOutcome> outcome = ReadSummary(path);
    if (!outcome.ok()) return ReportError(io, outcome.status());
    shards.push_back(*std::move(outcome));
  }
  absl::StatusOr<ExploreOutcome> merged = MergeShards(shards);
  if (!merged.ok()) return ReportError(io, merged.status());
  io.out << FormatSummaryJson(*merged);
  switch (StatusOf(*merged)) {
    case ExploreStatus::kFailed: return kExitFailure;
    case ExploreStatus::kInterrupted: return kExitSignalBase + merged->stopped_by_signal;
    case ExploreStatus::kNoRuns: return kExitNoRuns;
    case ExploreStatus::kPassed: break;
  }
  return kExitOk;
}

}  // namespace

const Command kMergeCommand = {"merge", "combine shards' --json summaries into one", kHelp,
                               &RunMerge};

}  // namespace cli
