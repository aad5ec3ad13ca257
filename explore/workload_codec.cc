// The workload text codec; see workload_codec.h. Layout, version w2 (one word each):
//   w2 <pool> <driver> <close_db_at_end> <main_wait_limit> <client count> <client>...
//   pool:   version max_open max_idle max_lifetime max_idle_time resetter_capacity mutation
//   driver: resetter validator latency jitter buckets instant_calls yield guards skip
//           <rule count> (calls conn first count action delay)... chosen_calls budget
//   client: start_delay <op count> <op>...
//   op:     kind query rows n repeat rollback timeout cancel_after duration pause leave_open
//           <count> <op>...
// Version w1 (older tokens; still read) has no pause or leave_open.
// Call-kind sets are bit masks; a query is hex ("-" when empty).
#include "explore/workload_codec.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "explore/target.h"

namespace explore {
namespace {

using model::fakedb::CallKind;
using model::fakedb::CallKindSet;

constexpr absl::string_view kVersion = "w2";
constexpr absl::string_view kVersionW1 = "w1";  // ops without pause, leave_open
constexpr int kMaxDepth = 4;               // Conn{Tx{...}} nests 2 deep; room to spare
constexpr int64_t kMaxCount = 100'000;     // clients, ops, rules per list
constexpr int64_t kMaxDurationNs = int64_t{1} << 50;  // ~13 days of virtual time

uint32_t CallBits(CallKindSet set) {
  uint32_t bits = 0;
  for (int k = 0; k < model::fakedb::kCallKindCount; ++k) {
    if (set.Contains(static_cast<CallKind>(k))) bits |= uint32_t{1} << k;
  }
  return bits;
}

CallKindSet CallSet(uint32_t bits) {
  CallKindSet set;
  for (int k = 0; k < model::fakedb::kCallKindCount; ++k) {
    if ((bits & (uint32_t{1} << k)) != 0) set = set.With(static_cast<CallKind>(k));
  }
  return set;
}

class Writer {
 public:
  template <typename T>
  void Num(T v) { words_.push_back(absl::StrCat(v)); }
  void Dur(sim::Duration d) { Num(d.nanoseconds()); }
  void Word(absl::string_view w) { words_.emplace_back(w); }
  void Text(const std::string& s) { words_.push_back(s.empty() ? "-" : absl::BytesToHexString(s)); }
  std::string Joined() const { return absl::StrJoin(words_, " "); }

 private:
  std::vector<std::string> words_;
};

void WriteOp(Writer& w, const scenarios::Op& op) {
  w.Num(static_cast<int>(op.kind));
  w.Text(op.query);
  w.Num(op.rows);
  w.Num(op.n);
  w.Num(op.repeat);
  w.Num(op.rollback ? 1 : 0);
  w.Dur(op.timeout);
  w.Dur(op.cancel_after);
  w.Dur(op.duration);
  w.Dur(op.pause);
  w.Num(op.leave_open ? 1 : 0);
  w.Num(op.inner.size());
  for (const scenarios::Op& inner : op.inner) WriteOp(w, inner);
}

void WriteDriver(Writer& w, const model::fakedb::FakeDriverOptions& d) {
  w.Num(d.session_resetter ? 1 : 0);
  w.Num(d.connection_validator ? 1 : 0);
  w.Dur(d.call_latency);
  w.Dur(d.latency_jitter);
  w.Num(d.jitter_buckets);
  w.Num(CallBits(d.instant_calls));
  w.Num(d.yield_in_calls ? 1 : 0);
  w.Num(d.guards ? 1 : 0);
  w.Num(d.execer_returns_skip ? 1 : 0);
  w.Num(d.faults.rules.size());
  for (const model::fakedb::FaultRule& r : d.faults.rules) {
    w.Num(CallBits(r.calls));
    w.Num(r.conn);
    w.Num(r.first);
    w.Num(r.count);
    w.Num(static_cast<int>(r.action));
    w.Dur(r.delay);
  }
  w.Num(CallBits(d.faults.chosen.calls));
  w.Num(d.faults.chosen.budget);
}

void WritePool(Writer& w, const scenarios::PoolConfig& p) {
  w.Word(std::string(model::sql::PoolVersionName(p.version)));
  w.Num(p.max_open);
  w.Num(p.max_idle);
  w.Dur(p.max_lifetime);
  w.Dur(p.max_idle_time);
  w.Num(p.resetter_capacity);
  w.Word(std::string(model::sql::MutationName(p.mutation)));
}

// Reads words in order; the first error sticks and every later read returns a zero value.
class Reader {
 public:
  explicit Reader(const std::string& text) : words_(absl::StrSplit(text, ' ')) {}

  int64_t Num(int64_t min, int64_t max, absl::string_view what) {
    const absl::string_view w = Next(what);
    int64_t v = 0;
    if (!status_.ok()) return 0;
    if (!absl::SimpleAtoi(w, &v) || v < min || v > max) {
      Error(absl::StrCat(what, " '", w, "' is not a number in [", min, ", ", max, "]"));
      return 0;
    }
    return v;
  }
  uint64_t Unsigned(absl::string_view what) {
    const absl::string_view w = Next(what);
    uint64_t v = 0;
    if (status_.ok() && !absl::SimpleAtoi(w, &v)) Error(absl::StrCat(what, " '", w, "' is not a number"));
    return v;
  }
  bool Bool(absl::string_view what) { return Num(0, 1, what) == 1; }
  sim::Duration Dur(absl::string_view what) {
    return sim::Duration::Nanoseconds(Num(0, kMaxDurationNs, what));
  }
  std::string Text(absl::string_view what) {
    const absl::string_view w = Next(what);
    std::string bytes;
    if (!status_.ok() || w == "-") return bytes;
    const bool hex = w.size() % 2 == 0 && std::all_of(w.begin(), w.end(), [](char c) {
      return absl::ascii_isxdigit(static_cast<unsigned char>(c));
    });
    if (!hex) {
      Error(absl::StrCat(what, " is not hex"));
      return bytes;
    }
    return absl::HexStringToBytes(w);
  }
  absl::string_view Next(absl::string_view what) {
    if (!status_.ok()) return "";
    if (next_ >= words_.size()) {
      Error(absl::StrCat("ends before ", what));
      return "";
    }
    return words_[next_++];
  }
  void Error(std::string reason) {
    if (status_.ok()) status_ = absl::InvalidArgumentError(absl::StrCat("workload text: ", reason));
  }
  bool AtEnd() const { return next_ == words_.size(); }
  const absl::Status& status() const { return status_; }

 private:
  std::vector<absl::string_view> words_;
  size_t next_ = 0;
  absl::Status status_;
};

scenarios::Op ReadOp(Reader& r, int depth, bool w1) {
  scenarios::Op op;
  const scenarios::OpKind last = w1 ? scenarios::OpKind::kCloseDB : scenarios::OpKind::kTxStmt;
  op.kind = static_cast<scenarios::OpKind>(r.Num(0, static_cast<int>(last), "op kind"));
  op.query = r.Text("query");
  op.rows = static_cast<int>(r.Num(-1, kMaxCount, "rows"));
  op.n = static_cast<int>(r.Num(-kMaxCount, kMaxCount, "n"));
  op.repeat = static_cast<int>(r.Num(0, kMaxCount, "repeat"));
  op.rollback = r.Bool("rollback");
  op.timeout = r.Dur("timeout");
  op.cancel_after = r.Dur("cancel_after");
  op.duration = r.Dur("duration");
  if (!w1) {
    op.pause = r.Dur("pause");
    op.leave_open = r.Bool("leave_open");
  }
  const int64_t inner = r.Num(0, kMaxCount, "inner op count");
  if (inner > 0 && depth >= kMaxDepth) r.Error("ops nested too deep");
  for (int64_t i = 0; i < inner && r.status().ok(); ++i) op.inner.push_back(ReadOp(r, depth + 1, w1));
  return op;
}

model::fakedb::FaultRule ReadRule(Reader& r) {
  model::fakedb::FaultRule rule;
  rule.calls = CallSet(static_cast<uint32_t>(r.Num(0, (int64_t{1} << model::fakedb::kCallKindCount) - 1, "rule calls")));
  rule.conn = static_cast<model::fakedb::ConnId>(r.Num(0, UINT32_MAX, "rule conn"));
  rule.first = r.Unsigned("rule first");
  rule.count = r.Unsigned("rule count");
  rule.action = static_cast<model::fakedb::FaultAction>(
      r.Num(0, static_cast<int>(model::fakedb::FaultAction::kDelay), "rule action"));
  rule.delay = r.Dur("rule delay");
  return rule;
}

void ReadDriver(Reader& r, model::fakedb::FakeDriverOptions& d) {
  const int64_t kAllCalls = (int64_t{1} << model::fakedb::kCallKindCount) - 1;
  d.session_resetter = r.Bool("session_resetter");
  d.connection_validator = r.Bool("connection_validator");
  d.call_latency = r.Dur("call_latency");
  d.latency_jitter = r.Dur("latency_jitter");
  d.jitter_buckets = static_cast<uint32_t>(r.Num(1, 1 << 20, "jitter_buckets"));
  d.instant_calls = CallSet(static_cast<uint32_t>(r.Num(0, kAllCalls, "instant_calls")));
  d.yield_in_calls = r.Bool("yield_in_calls");
  d.guards = r.Bool("guards");
  d.execer_returns_skip = r.Bool("execer_returns_skip");
  const int64_t rules = r.Num(0, kMaxCount, "rule count");
  for (int64_t i = 0; i < rules && r.status().ok(); ++i) d.faults.rules.push_back(ReadRule(r));
  d.faults.chosen.calls = CallSet(static_cast<uint32_t>(r.Num(0, kAllCalls, "chosen calls")));
  d.faults.chosen.budget = r.Unsigned("chosen budget");
}

void ReadPool(Reader& r, scenarios::PoolConfig& p) {
  const std::string version(r.Next("pool version"));
  if (r.status().ok()) {
    absl::StatusOr<model::sql::PoolVersion> v = model::sql::ParsePoolVersion(version);
    if (v.ok()) p.version = *v;
    else r.Error(std::string(v.status().message()));
  }
  p.max_open = static_cast<int>(r.Num(-kMaxCount, kMaxCount, "max_open"));
  p.max_idle = static_cast<int>(r.Num(-kMaxCount, kMaxCount, "max_idle"));
  p.max_lifetime = r.Dur("max_lifetime");
  p.max_idle_time = r.Dur("max_idle_time");
  p.resetter_capacity = static_cast<int>(r.Num(0, kMaxCount, "resetter_capacity"));
  const std::string mutation(r.Next("mutation"));
  if (!r.status().ok()) return;
  std::optional<model::sql::Mutation> m = model::sql::ParseMutation(std::string_view(mutation));
  if (m) p.mutation = *m;
  else r.Error(absl::StrCat("unknown mutation '", mutation, "'"));
}

}  // namespace

absl::StatusOr<std::string> EncodeWorkload(const scenarios::Workload& workload) {
  Writer w;
  w.Word(kVersion);
  WritePool(w, workload.pool);
  WriteDriver(w, workload.driver);
  w.Num(workload.close_db_at_end ? 1 : 0);
  w.Dur(workload.main_wait_limit);
  w.Num(workload.clients.size());
  for (const scenarios::Client& c : workload.clients) {
    w.Dur(c.start_delay);
    w.Num(c.ops.size());
    for (const scenarios::Op& op : c.ops) WriteOp(w, op);
  }
  std::string text = w.Joined();
  if (text.size() > kMaxWorkloadText) {
    return absl::InvalidArgumentError(absl::StrCat("workload too large for a token (", text.size(),
                                                   " characters, at most ", kMaxWorkloadText, ")"));
  }
  return text;
}

absl::StatusOr<scenarios::Workload> DecodeWorkload(const std::string& text) {
  if (text.size() > kMaxWorkloadText) return absl::InvalidArgumentError("workload text too long");
  Reader r(text);
  const absl::string_view version = r.Next("version");
  const bool w1 = version == kVersionW1;
  if (version != kVersion && !w1) r.Error("unknown version (want w1 or w2)");
  scenarios::Workload workload;
  ReadPool(r, workload.pool);
  ReadDriver(r, workload.driver);
  workload.close_db_at_end = r.Bool("close_db_at_end");
  workload.main_wait_limit = r.Dur("main_wait_limit");
  const int64_t clients = r.Num(0, kMaxCount, "client count");
  for (int64_t c = 0; c < clients && r.status().ok(); ++c) {
    scenarios::Client client;
    client.start_delay = r.Dur("start_delay");
    const int64_t ops = r.Num(0, kMaxCount, "op count");
    for (int64_t i = 0; i < ops && r.status().ok(); ++i) client.ops.push_back(ReadOp(r, 0, w1));
    workload.clients.push_back(std::move(client));
  }
  if (r.status().ok() && !r.AtEnd()) r.Error("has words after the last client");
  if (!r.status().ok()) return r.status();
  return workload;
}

}  // namespace explore
