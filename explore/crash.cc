// A run that killed its process, as a failure "crash": see crash.h.
#include "explore/crash.h"

#include <csignal>

#include "absl/strings/str_cat.h"
#include "explore/target.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

// Names of the signals a crashing run dies of (fixed text: strsignal depends on locale).
std::string SignalName(int signal) {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGABRT: return "SIGABRT";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTRAP: return "SIGTRAP";
  }
  return absl::StrCat("signal ", signal);
}

sim::RunResult CrashResult(int signal) {
  sim::RunResult r;
  r.failure = sim::FailureId{sim::FailureKind::kCrash, ""};
  r.message = CrashMessage(signal);
  return r;
}

}  // namespace

std::string CrashMessage(int signal) {
  return absl::StrCat("the run crashed the process: signal ", signal, " (", SignalName(signal),
                      ")");
}

RunRecord CrashRecord(uint64_t run_index, int signal) {
  RunRecord record;
  record.index = run_index;
  record.failed = 1;
  record.failure_key = FailureKey(CrashResult(signal).failure.Name(), "", CrashMessage(signal));
  record.crash_signal = static_cast<uint64_t>(signal);
  return record;
}

RunReport CrashReport(const ExplorePlan& plan, const RunRecord& record) {
  const uint64_t run_seed = sim::RunSeed(plan.options().seed, record.index);
  RunReport report;
  report.result = CrashResult(static_cast<int>(record.crash_signal));
  if (plan.options().generate) {  // a generated case: its own target and strategy spec
    const GeneratedRun generated = plan.options().generate(record.index);
    report.strategy = generated.strategy;
    report.workload_text = generated.target.workload->Show();
    StampReport(report, generated.target, plan.options().seed, record.index);
  } else {
    // What the strategy was for this run (a portfolio's member, PCT's learned length).
    report.strategy = RunSequence(plan).DescribeRun(record.index);
    report.workload_text = plan.built().workload.Show();
    StampReport(report, plan.built().target, plan.options().seed, record.index);
  }
  report.token.strategy = report.strategy;
  report.token.run_seed = run_seed;
  report.token.has_choices = false;  // steps and fingerprint 0: a rerun that ends diverges
  return report;
}

absl::StatusOr<RunReport> CrashedReplayReport(const sim::ReplayToken& token, int signal) {
  absl::StatusOr<Target> target = TargetFromMeta(token.meta);
  if (!target.ok()) return target.status();
  absl::StatusOr<BuiltTarget> built = BuildTarget(*target);
  if (!built.ok()) return built.status();
  RunReport report;
  report.result = CrashResult(signal);
  report.workload_text = built->workload.Show();
  StampReport(report, built->target, MetaNumber(token.meta, "seed"),
              MetaNumber(token.meta, "run"));
  report.strategy = token.strategy;
  report.token = token;
  return report;
}

}  // namespace explore
