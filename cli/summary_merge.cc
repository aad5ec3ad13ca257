// Reading --json summaries back and merging shards: see summary_merge.h.
#include "cli/summary_merge.h"

#include <algorithm>
#include <array>
#include <csignal>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/json_reader.h"
#include "properties/invariant.h"

namespace cli {
namespace {

using Type = JsonValue::Type;

absl::Status NotASummary(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("not a poolcheck --json summary: ", why));
}

// Reads fields of one JSON object; the first missing or mistyped field sticks as the error.
class FieldReader {
 public:
  explicit FieldReader(const JsonValue& object) : object_(object) {}

  const JsonValue* Get(const std::string& key, Type type, bool nullable = false) {
    if (!object_.Has(key)) return Fail(absl::StrCat("missing \"", key, "\""));
    const JsonValue& v = object_[key];
    if (nullable && v.type == Type::kNull) return nullptr;
    if (v.type != type) return Fail(absl::StrCat("\"", key, "\" has the wrong type"));
    return &v;
  }
  std::string String(const std::string& key) {
    const JsonValue* v = Get(key, Type::kString);
    return v ? v->string : "";
  }
  uint64_t Uint(const std::string& key, bool nullable = false) {
    const JsonValue* v = Get(key, Type::kNumber, nullable);
    uint64_t n = 0;
    if (v != nullptr && !absl::SimpleAtoi(v->number_text, &n)) {
      Fail(absl::StrCat("\"", key, "\" is not a whole number"));
    }
    return n;
  }
  bool Bool(const std::string& key) {
    const JsonValue* v = Get(key, Type::kBool);
    return v && v->boolean;
  }
  const absl::Status& status() const { return status_; }
  // Keeps the first error of a reader of a nested object as this reader's error.
  void Take(const FieldReader& inner) {
    if (status_.ok()) status_ = inner.status_;
  }

 private:
  const JsonValue* Fail(const std::string& why) {
    if (status_.ok()) status_ = NotASummary(why);
    return nullptr;
  }
  const JsonValue& object_;
  absl::Status status_;
};

uint64_t ParseHex(const std::string& text) {
  uint64_t v = 0;
  return absl::SimpleHexAtoi(text, &v) ? v : 0;
}

void ReadRequest(const JsonValue& doc, FieldReader& f, ExploreOutcome& o) {
  o.build = f.String("build");
  o.scenario = f.String("scenario");
  o.pool = f.String("pool");
  o.strategy = f.String("strategy");
  if (const JsonValue* params = f.Get("params", Type::kObject)) {
    for (const auto& [key, v] : params->object) {
      o.params[key] = v.type == Type::kNumber ? v.number_text : v.string;
    }
  }
  std::vector<std::string> allowed;
  if (const JsonValue* list = f.Get("allowed_known_bugs", Type::kArray)) {
    for (const JsonValue& v : list->array) allowed.push_back(v.string);
  }
  o.allowed_known_bugs = absl::StrJoin(allowed, ",");
  o.seed = f.Uint("seed");
  o.runs_requested = f.Uint("runs_requested", /*nullable=*/true);
  o.time_budget_s = static_cast<double>(f.Uint("time_budget_ms", true)) / 1000.0;
  if (const JsonValue* shard = f.Get("shard", Type::kObject)) {
    FieldReader s(*shard);
    o.shard = Shard{static_cast<uint32_t>(s.Uint("index")), static_cast<uint32_t>(s.Uint("count"))};
  }
  o.jobs = static_cast<uint32_t>(f.Uint("jobs"));
  (void)doc;
}

void ReadFailures(FieldReader& f, ExploreOutcome& o) {
  if (const JsonValue* first = f.Get("first_failure", Type::kObject, true)) {
    FieldReader r(*first);
    explore::RunReport report;
    report.run_index = r.Uint("run");
    report.result.failure = sim::FailureId::FromName(r.String("invariant"));
    report.result.steps = r.Uint("steps");
    report.result.fingerprint = ParseHex(r.String("fingerprint"));
    report.result.message = r.String("message");
    o.failure_token = r.String("token");
    o.failure_report = r.String("report");
    o.summary.first_failure = report;
  }
  if (const JsonValue* groups = f.Get("failure_groups", Type::kArray)) {
    for (const JsonValue& g : groups->array) {
      FieldReader r(g);
      o.failures.push_back(FailureOutput{r.String("invariant"), r.String("location"),
                                         r.String("what"), r.Uint("runs"), r.Uint("first_run"), "",
                                         r.String("token"), r.String("file")});
    }
  }
}

explore::SpeciesTable ReadSpecies(FieldReader& f, const std::string& key) {
  explore::SpeciesTable table;
  if (const JsonValue* rows = f.Get(key, Type::kArray)) {
    for (const JsonValue& row : rows->array) {
      FieldReader r(row);
      table[r.String("name")] =
          explore::SpeciesCount{r.Uint("times"), r.Uint("runs"), r.Uint("first_run")};
      f.Take(r);
    }
  }
  return table;
}

// "coverage" and "residual_risk" (coverage_summary.h): the tables and the runs they count;
// the risk and the curve are recomputed from them.
void ReadCoverage(FieldReader& f, ExploreOutcome& o) {
  const JsonValue* coverage = f.Get("coverage", Type::kObject);
  const JsonValue* risk = f.Get("residual_risk", Type::kObject);
  if (coverage == nullptr || risk == nullptr) return;
  FieldReader c(*coverage), r(*risk);
  explore::SpeciesTable events = ReadSpecies(c, "pool_events");
  explore::SpeciesTable pairs = ReadSpecies(c, "pool_event_pairs");
  std::array<uint64_t, properties::kInvariantCount + 1> checks{};
  if (const JsonValue* counts = c.Get("invariant_checks", Type::kObject)) {
    FieldReader n(*counts);
    for (int i = 1; i <= properties::kInvariantCount; ++i) {
      checks[i] = n.Uint(std::string(
          properties::InvariantName(static_cast<properties::InvariantId>(i))));
    }
    c.Take(n);
  }
  const uint64_t runs = r.Uint("runs");
  o.summary.risk_reached = r.Bool("stopped_by_until_risk");
  f.Take(c);
  f.Take(r);
  o.summary.coverage =
      explore::CoverageTally::FromTotals(runs, std::move(events), std::move(pairs), checks);
}

// "reach" (fuzz only, absent for explore): the generator's (feature, cases) rows.
void ReadReach(FieldReader& f, const JsonValue& doc, ExploreOutcome& o) {
  if (!doc.Has("reach")) return;
  if (const JsonValue* rows = f.Get("reach", Type::kArray)) {
    for (const JsonValue& row : rows->array) {
      FieldReader r(row);
      o.reach.emplace_back(r.String("name"), r.Uint("cases"));
      f.Take(r);
    }
  }
}

}  // namespace

absl::StatusOr<ExploreOutcome> OutcomeFromJson(const std::string& text) {
  std::optional<JsonValue> doc = JsonParser::Parse(text);
  if (!doc || doc->type != Type::kObject) return NotASummary("not a JSON object");
  FieldReader f(*doc);
  if (f.Uint("schema_version") != static_cast<uint64_t>(kSummarySchemaVersion)) {
    return f.status().ok() ? NotASummary(absl::StrCat("schema_version is not ",
                                                      kSummarySchemaVersion))
                           : f.status();
  }
  ExploreOutcome o;
  ReadRequest(*doc, f, o);
  if (const JsonValue* sig = f.Get("stopped_by_signal", Type::kString, true)) {
    o.stopped_by_signal = sig->string == "SIGTERM" ? SIGTERM : SIGINT;
  }
  o.summary.runs_done = f.Uint("runs_done");
  o.summary.failures = f.Uint("failures");
  o.summary.known_bug_runs = f.Uint("known_bug_consequences");
  // Absent from summaries written before known bugs could be panics: none then.
  if (doc->Has("known_bug_panics")) o.summary.known_bug_panics = f.Uint("known_bug_panics");
  if (const JsonValue* first = f.Get("first_known_bug_consequence_run", Type::kNumber, true)) {
    o.summary.first_known_bug_run = static_cast<uint64_t>(first->number);
  }
  o.summary.exhausted = f.Bool("exhausted");
  const bool estimate = f.Bool("distinct_is_estimate");
  std::vector<uint64_t> sketch;
  if (const JsonValue* values = f.Get("fingerprint_sketch", Type::kArray)) {
    for (const JsonValue& v : values->array) sketch.push_back(ParseHex(v.string));
  }
  o.summary.distinct = explore::DistinctSketch::FromValues(sketch, estimate);
  o.summary.distinct_interleavings = o.summary.distinct.Count();
  if (const JsonValue* elapsed = f.Get("elapsed_s", Type::kNumber)) {
    o.elapsed_ms = static_cast<uint64_t>(elapsed->number * 1000 + 0.5);
  }
  ReadFailures(f, o);
  ReadCoverage(f, o);
  ReadReach(f, *doc, o);
  if (!f.status().ok()) return f.status();
  return o;
}

namespace {

// What must agree between the shards of one exploration.
std::string ExplorationKey(const ExploreOutcome& o) {
  std::string key = absl::StrCat(o.build, "|", o.scenario, "|", o.pool, "|", o.strategy, "|",
                                 o.allowed_known_bugs, "|", o.seed, "|", o.runs_requested, "|",
                                 o.time_budget_s, "|", o.shard.count);
  for (const auto& [k, v] : o.params) absl::StrAppend(&key, "|", k, "=", v);
  return key;
}

absl::Status CheckShards(const std::vector<ExploreOutcome>& shards) {
  if (shards.empty()) return absl::InvalidArgumentError("merge needs at least one summary");
  std::set<uint32_t> indexes;
  for (const ExploreOutcome& s : shards) {
    if (ExplorationKey(s) != ExplorationKey(shards.front())) {
      return absl::InvalidArgumentError(
          "the summaries are not shards of one exploration (build, scenario, pool, strategy, "
          "parameters, allowances, seed, budget and shard count must agree)");
    }
    indexes.insert(s.shard.index);
  }
  if (shards.front().shard.count != shards.size() || indexes.size() != shards.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "merge needs each of the ", shards.front().shard.count, " shards exactly once (got ",
        shards.size(), " summaries, ", indexes.size(), " distinct shard indexes)"));
  }
  return absl::OkStatus();
}

// Every shard's distinct failures, one per (invariant, location), with its lowest run.
std::vector<FailureOutput> MergeFailures(const std::vector<ExploreOutcome>& shards) {
  std::map<std::tuple<std::string, std::string, std::string>, FailureOutput> groups;
  for (const ExploreOutcome& s : shards) {
    for (const FailureOutput& f : s.failures) {
      auto [it, inserted] = groups.try_emplace({f.failure_id, f.location, f.shape}, f);
      if (inserted) continue;
      const uint64_t runs = it->second.runs + f.runs;
      if (f.first_run < it->second.first_run) it->second = f;
      it->second.runs = runs;
    }
  }
  std::vector<FailureOutput> merged;
  for (auto& [key, f] : groups) merged.push_back(f);
  std::sort(merged.begin(), merged.end(), [](const FailureOutput& a, const FailureOutput& b) {
    return a.first_run < b.first_run;
  });
  return merged;
}

// The shards' reach rows added up by feature, in the order the features first appear.
std::vector<std::pair<std::string, uint64_t>> MergeReach(
    const std::vector<ExploreOutcome>& shards) {
  std::vector<std::pair<std::string, uint64_t>> merged;
  std::map<std::string, size_t> row_of;
  for (const ExploreOutcome& s : shards) {
    for (const auto& [name, cases] : s.reach) {
      auto [it, inserted] = row_of.try_emplace(name, merged.size());
      if (inserted) merged.emplace_back(name, 0);
      merged[it->second].second += cases;
    }
  }
  return merged;
}

}  // namespace

absl::StatusOr<ExploreOutcome> MergeShards(const std::vector<ExploreOutcome>& shards) {
  if (absl::Status s = CheckShards(shards); !s.ok()) return s;
  ExploreOutcome merged = shards.front();
  merged.shard = Shard{0, 1};
  merged.jobs = 0;
  merged.summary = explore::ExploreSummary{};
  merged.failure_report.clear();
  merged.failure_token.clear();
  for (const ExploreOutcome& s : shards) {
    merged.jobs += s.jobs;
    merged.elapsed_ms = std::max(merged.elapsed_ms, s.elapsed_ms);
    merged.stopped_by_signal = merged.stopped_by_signal != 0 ? merged.stopped_by_signal
                                                             : s.stopped_by_signal;
    merged.summary.runs_done += s.summary.runs_done;
    merged.summary.failures += s.summary.failures;
    merged.summary.known_bug_runs += s.summary.known_bug_runs;
    merged.summary.known_bug_panics += s.summary.known_bug_panics;
    if (s.summary.first_known_bug_run &&
        (!merged.summary.first_known_bug_run ||
         *s.summary.first_known_bug_run < *merged.summary.first_known_bug_run)) {
      merged.summary.first_known_bug_run = s.summary.first_known_bug_run;
    }
    merged.summary.exhausted = merged.summary.exhausted || s.summary.exhausted;
    merged.summary.distinct.Merge(s.summary.distinct);
    merged.summary.coverage.MergeFrom(s.summary.coverage);
    merged.summary.risk_reached = merged.summary.risk_reached || s.summary.risk_reached;
    const auto& first = s.summary.first_failure;
    if (first && (!merged.summary.first_failure ||
                  first->run_index < merged.summary.first_failure->run_index)) {
      merged.summary.first_failure = first;
      merged.failure_report = s.failure_report;
      merged.failure_token = s.failure_token;
    }
  }
  merged.summary.distinct_interleavings = merged.summary.distinct.Count();
  merged.failures = MergeFailures(shards);
  merged.reach = MergeReach(shards);
  return merged;
}

}  // namespace cli
