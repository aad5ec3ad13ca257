// `poolcheck export TOKEN|FILE` or `poolcheck export --scenario NAME [--param K=V]...
// [--pool P]`: writes the workload of a token or a scenario as the differential test's
// JSON (cli/export_json.h) for the Go program of confirm/differential/, which runs it
// through real Go's database/sql. With --run it also runs the workload on the C++ pool,
// clients one after another (cli/export_run.h), and adds what the pool did, so the Go
// program can compare the two.
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/args.h"
#include "cli/atomic_file.h"
#include "cli/command.h"
#include "cli/export_json.h"
#include "cli/export_run.h"
#include "cli/token_input.h"
#include "explore/target.h"
#include "scenarios/scenario.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck export TOKEN|FILE | --scenario NAME [--param K=V]... [--pool P]\n"
    "                        [--run] [-o FILE]\n\n"
    "Writes the workload of a replay token (the token, or a token file) or of a scenario\n"
    "as one line of JSON: pool settings, the fake driver's options and fault plan, and\n"
    "each client's ops in order. The Go program confirm/differential/ reads it and runs it\n"
    "through real Go 1.19's database/sql with a Go fake driver that behaves like\n"
    "model/fakedb (see README.md, \"Differential test\").\n\n"
    "  --scenario NAME  export a scenario instead of a token (--param, --pool as explore)\n"
    "  --run            also run it on the C++ pool, clients one after another, and add\n"
    "                   the driver call log, each op's error and DB.Stats() (\"cpp\");\n"
    "                   refused (exit 2) for a workload that cannot compare that way\n"
    "                   (timeouts, cancellation, latency jitter, chosen or blocking faults)\n"
    "  -o FILE          write to FILE (never replacing an existing different file)\n"
    "                   instead of standard output\n";

constexpr FlagSpec kFlags[] = {
    {"--scenario", "NAME"}, {"--param", "K=V", true}, {"--pool", "P"},
    {"--run", ""},          {"-o", "FILE", false, "--output"},
};

struct Exported {
  scenarios::Workload workload;
  std::string name;  // the scenario, or "token"
};

absl::StatusOr<Exported> FromScenario(const ParsedArgs& args) {
  explore::Target target;
  target.scenario = *args.Get("--scenario");
  absl::StatusOr<const scenarios::Scenario*> scenario = scenarios::FindScenario(target.scenario);
  if (!scenario.ok()) return scenario.status();
  absl::StatusOr<scenarios::Params> params =
      scenarios::ResolveParams(**scenario, args.All("--param"));
  if (!params.ok()) return params.status();
  target.params = *std::move(params);
  if (std::optional<std::string> pool = args.Get("--pool")) {
    absl::StatusOr<model::sql::PoolVersion> version = model::sql::ParsePoolVersion(*pool);
    if (!version.ok()) return version.status();
    target.pool = *version;
  }
  absl::StatusOr<explore::BuiltTarget> built = explore::BuildTarget(target);
  if (!built.ok()) return built.status();
  return Exported{std::move(built->workload), target.scenario};
}

absl::StatusOr<Exported> FromToken(const std::string& arg) {
  absl::StatusOr<LoadedToken> loaded = LoadToken(arg);
  if (!loaded.ok()) return loaded.status();
  absl::StatusOr<explore::Target> target = explore::TargetFromMeta(loaded->token.meta);
  if (!target.ok()) return target.status();
  absl::StatusOr<explore::BuiltTarget> built = explore::BuildTarget(*target);
  if (!built.ok()) return built.status();
  return Exported{std::move(built->workload), target->scenario};
}

absl::StatusOr<Exported> Source(const ParsedArgs& args) {
  const bool scenario = args.Has("--scenario");
  if (scenario == !args.positional().empty()) {
    return absl::InvalidArgumentError("export needs a TOKEN|FILE or --scenario NAME (not both)");
  }
  if (!scenario && (args.Has("--param") || args.Has("--pool"))) {
    return absl::InvalidArgumentError("--param and --pool go with --scenario (a token names its own)");
  }
  return scenario ? FromScenario(args) : FromToken(args.positional()[0]);
}

absl::StatusOr<std::string> ExportText(const ParsedArgs& args) {
  absl::StatusOr<Exported> exported = Source(args);
  if (!exported.ok()) return exported.status();
  absl::Status exportable = CheckExportable(exported->workload);
  if (!exportable.ok()) return exportable;
  if (!args.Has("--run")) return CaseJson(exported->workload, exported->name, nullptr);
  absl::Status comparable = CheckSequentiallyComparable(exported->workload);
  if (!comparable.ok()) {
    return absl::FailedPreconditionError(absl::StrCat("--run: ", comparable.message()));
  }
  absl::StatusOr<RunOutcome> outcome = RunClientsInTurn(exported->workload);
  if (!outcome.ok()) return outcome.status();
  return CaseJson(exported->workload, exported->name, &*outcome);
}

int RunExport(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed = ParseCommandArgs(args, kFlags, 0, 1, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  absl::StatusOr<std::string> text = ExportText(*parsed);
  if (!text.ok()) return ReportError(io, text.status());
  const std::string line = absl::StrCat(*text, "\n");
  std::optional<std::string> path = parsed->Get("-o");
  if (!path) {
    io.out << line;
    return kExitOk;
  }
  absl::StatusOr<NewFileResult> written = WriteNewFileAtomically(*path, line);
  if (!written.ok()) return ReportError(io, written.status());
  return kExitOk;
}

}  // namespace

const Command kExportCommand = {"export",
                                "write a token's or scenario's workload as JSON for real Go",
                                kHelp, &RunExport};

}  // namespace cli
