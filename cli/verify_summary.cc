// The --json document of `poolcheck verify`: see verify_summary.h and cli/JSON.md.
#include "cli/verify_summary.h"

#include "cli/json_writer.h"

namespace cli {

const char* VerdictName(explore::VerifyVerdict verdict) {
  switch (verdict) {
    case explore::VerifyVerdict::kVerified: return "verified";
    case explore::VerifyVerdict::kCounterexample: return "counterexample";
    case explore::VerifyVerdict::kBudgetExhausted: return "budget_exhausted";
  }
  return "unknown";
}

namespace {

void OptionalUint(const std::optional<uint64_t>& v, JsonWriter& json) {
  if (v) json.Uint(*v); else json.Null();
}

void WriteCounterexample(const VerifyOutcome& o, JsonWriter& json) {
  if (o.verdict != explore::VerifyVerdict::kCounterexample) {
    json.Null();
    return;
  }
  json.BeginObject();
  json.Key("invariant").String(o.failure_id).Key("message").String(o.failure_message);
  json.Key("token").String(o.failure_token).Key("file").String(o.failure_file);
  json.EndObject();
}

}  // namespace

std::string FormatVerifyJson(const VerifyOutcome& o) {
  JsonWriter json;
  json.BeginObject();
  json.Key("schema_version").Uint(kVerifySchemaVersion);
  json.Key("command").String("verify");
  json.Key("build").String(o.build);
  json.Key("scenario").String(o.scenario).Key("pool").String(o.pool);
  json.Key("params").BeginObject();
  for (const auto& [key, value] : o.params) json.Key(key).String(value);
  json.EndObject();
  json.Key("preemption_bound");
  OptionalUint(o.preemption_bound, json);
  json.Key("max_executions");
  OptionalUint(o.max_executions, json);
  json.Key("time_budget_ms");
  if (o.time_budget_s > 0) json.Uint(static_cast<uint64_t>(o.time_budget_s * 1000 + 0.5)); else json.Null();
  json.Key("strategy").String(o.strategy);
  json.Key("verdict").String(VerdictName(o.verdict));
  json.Key("verified").Bool(o.verdict == explore::VerifyVerdict::kVerified);
  json.Key("executions").Uint(o.executions);
  json.Key("sleep_blocked").Uint(o.sleep_blocked);
  json.Key("estimated_remaining");
  if (o.verdict == explore::VerifyVerdict::kBudgetExhausted) {
    json.Uint(static_cast<uint64_t>(o.estimated_remaining + 0.5));
  } else {
    json.Null();
  }
  json.Key("elapsed_s").Decimal(static_cast<int64_t>(o.elapsed_s * 1000 + 0.5), 3);
  json.Key("counterexample");
  WriteCounterexample(o, json);
  json.EndObject().Newline();
  return json.text();
}

}  // namespace cli
