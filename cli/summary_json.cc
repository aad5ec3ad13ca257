// The machine-readable summary of an exploration (--json): see explore_outcome.h.
#include "absl/strings/str_cat.h"
#include "cli/explore_outcome.h"
#include "cli/json_writer.h"
#include "model/sql/options.h"

namespace cli {
namespace {

void WriteFailure(const ExploreOutcome& o, JsonWriter& json) {
  const std::optional<explore::RunReport>& failure = o.summary.first_failure;
  if (!failure) {
    json.Null();
    return;
  }
  json.BeginObject();
  json.Key("invariant").String(failure->result.failure.Name());
  json.Key("run").Uint(failure->run_index);
  json.Key("steps").Uint(failure->result.steps);
  json.Key("fingerprint").String(absl::StrCat(absl::Hex(failure->result.fingerprint,
                                                        absl::kZeroPad16)));
  json.Key("message").String(failure->result.message);
  json.Key("token").String(o.failure_token);
  json.Key("report").String(o.failure_report);
  json.EndObject();
}

}  // namespace

std::string FormatSummaryJson(const ExploreOutcome& o) {
  JsonWriter json;
  json.BeginObject();
  json.Key("scenario").String(o.scenario).Key("pool").String(o.pool);
  json.Key("strategy").String(o.strategy);
  json.Key("params").BeginObject();
  for (const auto& [key, value] : o.params) json.Key(key).String(value);
  json.EndObject();
  json.Key("allowed_known_bugs").String(o.allowed_known_bugs);
  json.Key("seed").Uint(o.seed).Key("runs_requested").Uint(o.runs_requested);
  json.Key("shard").String(absl::StrCat(o.shard.index, "/", o.shard.count));
  json.Key("jobs").Uint(o.jobs);
  json.Key("runs_done").Uint(o.summary.runs_done);
  json.Key("failures").Uint(o.summary.failures);
  json.Key("distinct_interleavings").Uint(o.summary.distinct_interleavings);
  json.Key("exhausted").Bool(o.summary.exhausted);
  json.Key("passed").Bool(o.summary.failures == 0);
  json.Key("elapsed_s").Decimal(static_cast<int64_t>(o.elapsed_ms), 3);
  json.Key("first_failure");
  WriteFailure(o, json);
  json.EndObject().Newline();
  return json.text();
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

}  // namespace cli
