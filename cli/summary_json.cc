// The machine-readable summary of an exploration (--json), schema in cli/JSON.md; the
// summary line's title and status shared with the text output. See explore_outcome.h.
#include <csignal>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/coverage_summary.h"
#include "cli/explore_outcome.h"
#include "cli/json_writer.h"

namespace cli {
namespace {

std::string Hex16(uint64_t v) { return absl::StrCat(absl::Hex(v, absl::kZeroPad16)); }

// A parameter value: a JSON number when it is a whole number, else a string.
void ParamValue(const std::string& value, JsonWriter& json) {
  uint64_t n = 0;
  const bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
  if (digits && absl::SimpleAtoi(value, &n) && (value == "0" || value[0] != '0')) {
    json.Uint(n);
  } else {
    json.String(value);
  }
}

void WriteFirstFailure(const ExploreOutcome& o, JsonWriter& json) {
  const std::optional<explore::RunReport>& failure = o.summary.first_failure;
  if (!failure) {
    json.Null();
    return;
  }
  json.BeginObject();
  json.Key("invariant").String(failure->result.failure.Name());
  json.Key("run").Uint(failure->run_index);
  json.Key("steps").Uint(failure->result.steps);
  json.Key("fingerprint").String(Hex16(failure->result.fingerprint));
  json.Key("message").String(failure->result.message);
  json.Key("token").String(o.failure_token);
  json.Key("report").String(o.failure_report);
  json.EndObject();
}

void WriteGroups(const ExploreOutcome& o, JsonWriter& json) {
  json.BeginArray();
  for (const FailureOutput& f : o.failures) {
    json.Newline().BeginObject();
    json.Key("invariant").String(f.failure_id).Key("location").String(f.location);
    json.Key("what").String(f.shape);
    json.Key("runs").Uint(f.runs).Key("first_run").Uint(f.first_run);
    json.Key("token").String(f.token).Key("file").String(f.file);
    json.EndObject();
  }
  json.EndArray();
}

void WriteRequest(const ExploreOutcome& o, JsonWriter& json) {
  json.Key("scenario").String(o.scenario).Key("pool").String(o.pool);
  json.Key("strategy").String(o.strategy);
  json.Key("params").BeginObject();
  for (const auto& [key, value] : o.params) {
    json.Key(key);
    ParamValue(value, json);
  }
  json.EndObject();
  json.Key("allowed_known_bugs").BeginArray();
  for (absl::string_view name : absl::StrSplit(o.allowed_known_bugs, ',', absl::SkipEmpty())) {
    json.String(name);
  }
  json.EndArray();
  json.Key("seed").Uint(o.seed);
  json.Key("runs_requested");
  if (o.runs_requested > 0) json.Uint(o.runs_requested); else json.Null();
  json.Key("time_budget_ms");
  if (o.time_budget_s > 0) json.Uint(static_cast<uint64_t>(o.time_budget_s * 1000 + 0.5)); else json.Null();
  json.Key("shard").BeginObject().Key("index").Uint(o.shard.index);
  json.Key("count").Uint(o.shard.count).EndObject();
  json.Key("jobs").Uint(o.jobs);
}

}  // namespace

ExploreStatus StatusOf(const ExploreOutcome& o) {
  if (o.summary.failures > 0) return ExploreStatus::kFailed;
  if (o.stopped_by_signal != 0) return ExploreStatus::kInterrupted;
  if (o.summary.runs_done == 0) return ExploreStatus::kNoRuns;
  return ExploreStatus::kPassed;
}

absl::string_view StatusName(ExploreStatus status) {
  switch (status) {
    case ExploreStatus::kPassed: return "passed";
    case ExploreStatus::kFailed: return "failed";
    case ExploreStatus::kNoRuns: return "no_runs";
    case ExploreStatus::kInterrupted: return "interrupted";
  }
  return "unknown";
}

std::string FormatSummaryJson(const ExploreOutcome& o) {
  JsonWriter json;
  json.BeginObject();
  json.Key("schema_version").Uint(kSummarySchemaVersion);
  json.Key("build").String(o.build);
  WriteRequest(o, json);
  json.Key("status").String(StatusName(StatusOf(o)));
  json.Key("passed").Bool(StatusOf(o) == ExploreStatus::kPassed);
  json.Key("stopped_by_signal");
  if (o.stopped_by_signal != 0) json.String(SignalName(o.stopped_by_signal)); else json.Null();
  json.Key("runs_done").Uint(o.summary.runs_done);
  json.Key("failures").Uint(o.summary.failures);
  json.Key("known_bug_consequences").Uint(o.summary.known_bug_runs);
  json.Key("known_bug_panics").Uint(o.summary.known_bug_panics);
  json.Key("first_known_bug_consequence_run");
  if (o.summary.first_known_bug_run) json.Uint(*o.summary.first_known_bug_run); else json.Null();
  json.Key("distinct_interleavings").Uint(o.summary.distinct_interleavings);
  json.Key("distinct_is_estimate").Bool(!o.summary.distinct.exact());
  json.Key("exhausted").Bool(o.summary.exhausted);
  json.Key("elapsed_s").Decimal(static_cast<int64_t>(o.elapsed_ms), 3);
  json.Key("first_failure");
  WriteFirstFailure(o, json);
  json.Key("failure_groups");
  WriteGroups(o, json);
  json.Key("fingerprint_sketch").BeginArray();
  for (uint64_t v : o.summary.distinct.Values()) json.String(Hex16(v));
  json.EndArray();
  WriteCoverageJson(o.summary, json);
  if (!o.reach.empty()) {
    json.Key("reach").BeginArray();
    for (const auto& [name, cases] : o.reach) {
      json.Newline().BeginObject().Key("name").String(name).Key("cases").Uint(cases).EndObject();
    }
    json.EndArray();
  }
  json.EndObject().Newline();
  return json.text();
}

std::string SignalName(int signal) {
  if (signal == SIGINT) return "SIGINT";
  if (signal == SIGTERM) return "SIGTERM";
  return absl::StrCat("signal ", signal);
}

std::string ExplorationTitle(const ExploreOutcome& o) {
  std::string title = absl::StrCat(o.scenario, " pool=", o.pool, " strategy=", o.strategy,
                                   " seed=", o.seed);
  if (o.runs_requested > 0) absl::StrAppend(&title, " runs=", o.runs_requested);
  if (o.time_budget_s > 0) absl::StrAppend(&title, " time=", o.time_budget_s, "s");
  if (o.shard.count > 1) absl::StrAppend(&title, " shard=", o.shard.index, "/", o.shard.count);
  if (!o.allowed_known_bugs.empty()) absl::StrAppend(&title, " allow=", o.allowed_known_bugs);
  return title;
}

std::string JUnitTestName(const ExploreOutcome& o) {
  std::string name = absl::StrCat(o.scenario, " pool=", o.pool, " strategy=", o.strategy);
  if (!o.allowed_known_bugs.empty()) absl::StrAppend(&name, " allow=", o.allowed_known_bugs);
  return name;
}

}  // namespace cli
