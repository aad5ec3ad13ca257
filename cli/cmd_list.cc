// `poolcheck list`: the scenarios with their parameters and defaults, the strategies with
// their parameters, and the pool versions.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cli/args.h"
#include "cli/command.h"
#include "model/sql/pool_version.h"
#include "properties/known_bugs.h"
#include "scenarios/scenario.h"
#include "sim/strategy_registry.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck list\n\n"
    "Lists the scenarios (with each parameter's default, settable with\n"
    "explore --param key=value), the strategies (with their parameters, settable as\n"
    "--strategy name:key=value,...), the pool versions (--pool) and the known bugs\n"
    "of the pool that explore can be told to look past (--allow-known-bug).\n";

void ListScenarios(std::ostream& out) {
  out << "scenarios:\n";
  for (const scenarios::Scenario& s : scenarios::AllScenarios()) {
    out << absl::StrFormat("  %-22s %s\n", s.name, s.summary);
    for (const scenarios::ParamSpec& p : s.params) {
      out << absl::StrFormat("      %-26s %s\n", p.name + "=" + p.default_value, p.help);
    }
  }
}

void ListStrategies(std::ostream& out) {
  out << "\nstrategies (--strategy NAME or NAME:key=value,...):\n";
  for (const sim::StrategyInfo& info : sim::ListStrategies()) {
    if (info.name == "replay") continue;  // built from tokens, not from --strategy
    out << absl::StrFormat("  %-22s %s\n", info.name, info.summary);
    out << absl::StrFormat("      %s\n", info.params_doc);
  }
}

int RunList(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed =
      ParseCommandArgs(args, {}, 0, 0, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  ListScenarios(io.out);
  ListStrategies(io.out);
  io.out << "\npool versions (--pool):\n";
  for (const model::sql::PoolVersionInfo& v : model::sql::AllPoolVersionInfos()) {
    const std::string aliases =
        v.aliases.empty() ? "" : absl::StrCat(" (also read as: ", absl::StrJoin(v.aliases, ", "), ")");
    io.out << absl::StrFormat("  %-22s Go %s, %s%s\n", v.name, v.go_commit, v.summary, aliases);
  }
  io.out << "\nknown bugs of the pool (explore --allow-known-bug NAME; reported by default):\n";
  for (const properties::KnownBugInfo& bug : properties::ListKnownBugs()) {
    std::vector<absl::string_view> in;
    for (model::sql::PoolVersion v : bug.versions) in.push_back(model::sql::PoolVersionName(v));
    io.out << absl::StrFormat("  %-30s %s (in: %s)\n", bug.name, bug.summary, absl::StrJoin(in, ", "));
  }
  return kExitOk;
}

}  // namespace

const Command kListCommand = {"list", "scenarios, strategies and pool versions", kHelp,
                              &RunList};

}  // namespace cli
