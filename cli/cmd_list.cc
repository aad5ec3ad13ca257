// `poolcheck list`: the scenarios with their parameters and defaults, the strategies with
// their parameters, and the pool versions.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/explore_outcome.h"
#include "cli/json_writer.h"
#include "explore/build_identity.h"
#include "model/sql/pool_version.h"
#include "properties/known_bugs.h"
#include "scenarios/scenario.h"
#include "sim/strategy_registry.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck list [--json]\n\n"
    "Lists the scenarios (with each parameter's default, settable with\n"
    "explore --param key=value), the strategies (with their parameters, settable as\n"
    "--strategy name:key=value,...), the pool versions (--pool) and the known bugs\n"
    "of the pool that explore can be told to look past (--allow-known-bug), each\n"
    "with whether a confirm/ program reproduces it on real Go.\n"
    "With --json, the same as one JSON object (schema: cli/JSON.md), e.g. for CI matrices.\n";

constexpr FlagSpec kFlags[] = {{"--json", ""}};

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

std::string ListJson() {
  JsonWriter json;
  json.BeginObject().Key("schema_version").Uint(kSummarySchemaVersion);
  json.Key("build").String(explore::SourceId());
  json.Key("scenarios").BeginArray();
  for (const scenarios::Scenario& s : scenarios::AllScenarios()) {
    json.Newline().BeginObject().Key("name").String(s.name).Key("summary").String(s.summary);
    json.Key("params").BeginArray();
    for (const scenarios::ParamSpec& p : s.params) {
      json.BeginObject().Key("name").String(p.name).Key("default").String(p.default_value);
      json.Key("help").String(p.help).EndObject();
    }
    json.EndArray().EndObject();
  }
  json.EndArray().Key("strategies").BeginArray();
  for (const sim::StrategyInfo& info : sim::ListStrategies()) {
    if (info.name == "replay") continue;
    json.Newline().BeginObject().Key("name").String(std::string(info.name));
    json.Key("summary").String(std::string(info.summary));
    json.Key("params").String(std::string(info.params_doc)).EndObject();
  }
  json.EndArray().Key("pools").BeginArray();
  for (const model::sql::PoolVersionInfo& v : model::sql::AllPoolVersionInfos()) {
    json.Newline().BeginObject().Key("name").String(v.name);
    json.Key("aliases").BeginArray();
    for (absl::string_view alias : v.aliases) json.String(alias);
    json.EndArray().Key("go_commit").String(v.go_commit);
    json.Key("description").String(v.summary).EndObject();
  }
  json.EndArray().Key("known_bugs").BeginArray();
  for (const properties::KnownBugInfo& bug : properties::ListKnownBugs()) {
    json.Newline().BeginObject().Key("name").String(bug.name).Key("summary").String(bug.summary);
    json.Key("failure_id").String(std::string(properties::KnownBugFailureId(bug)));
    json.Key("versions").BeginArray();
    for (model::sql::PoolVersion v : bug.versions) json.String(model::sql::PoolVersionName(v));
    json.EndArray().Key("confirmed_by").String(bug.confirmed_by);
    json.Key("real_go_note").String(bug.real_go_note).EndObject();
  }
  json.EndArray().EndObject().Newline();
  return json.text();
}

int RunList(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed =
      ParseCommandArgs(args, kFlags, 0, 0, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  if (parsed->Has("--json")) {
    io.out << ListJson();
    return kExitOk;
  }
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
    io.out << absl::StrFormat("  %-30s %s\n", "", properties::RealGoStatus(bug));
  }
  return kExitOk;
}

}  // namespace

const Command kListCommand = {"list", "scenarios, strategies and pool versions", kHelp,
                              &RunList};

}  // namespace cli
