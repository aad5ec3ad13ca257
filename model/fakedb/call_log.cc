// Recording driver calls and keeping the per-conn summaries and counts in step with them.
#include "model/fakedb/call_log.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "model/driver/driver.h"

namespace model::fakedb {

std::string ShortStatus(const absl::Status& s) {
  if (s.ok()) return "ok";
  if (driver::IsBadConn(s)) return "ErrBadConn";
  if (driver::IsEOF(s)) return "EOF";
  if (driver::IsSkip(s)) return "ErrSkip";
  return std::string(s.message());
}

std::string DriverCall::Label() const {
  std::string text;
  if (conn != kNoConn) absl::StrAppend(&text, "conn ", conn, " ");
  if (object != 0) {
    const char* noun = "stmt";
    if (kind == CallKind::kRowsNext || kind == CallKind::kRowsClose) noun = "rows";
    if (kind == CallKind::kCommit || kind == CallKind::kRollback) noun = "tx";
    absl::StrAppend(&text, noun, " ", object, " ");
  }
  absl::StrAppend(&text, CallKindName(kind));
  if (!detail.empty()) absl::StrAppend(&text, " ", detail);
  return text;
}

std::string DriverCall::ToString() const {
  std::string text = absl::StrCat("#", seq, " g", goroutine, " ", Label(), " ", start.ToString());
  if (!finished) return absl::StrCat(text, "..(running)");
  absl::StrAppend(&text, "..", end.ToString(), " -> ", ShortStatus(status));
  if (fault_rule >= 0) absl::StrAppend(&text, " (fault rule ", fault_rule + 1, ")");
  if (fault_chosen) absl::StrAppend(&text, " (chosen fault)");
  return text;
}

std::string ConnSummary::ToString() const {
  return absl::StrCat("conn ", id, ": opened by call #", open_seq, ", ", calls, " calls, ",
                      in_call, " in progress, ", open_stmts, " open stmts, ", open_rows,
                      " open rows, tx ", open_tx, ", close calls ", close_calls,
                      closed ? ", closed" : "", failed_by_driver ? ", failed by driver" : "");
}

namespace {

// The entry buffer of the last CallLog destroyed on this thread, emptied (see CallLog()).
// Runs on one thread are sequential; a buffer never moves between threads. nullptr once
// the thread's buffer is destroyed (a log destroyed after that frees its own).
thread_local bool spare_gone = false;
struct SpareHolder {
  std::vector<DriverCall> entries;
  ~SpareHolder() { spare_gone = true; }
};
std::vector<DriverCall>* SpareEntries() {
  if (spare_gone) return nullptr;
  thread_local SpareHolder holder;
  return &holder.entries;
}

}  // namespace

CallLog::CallLog() {
  if (std::vector<DriverCall>* spare = SpareEntries()) entries_.swap(*spare);
  entries_.clear();
  if (entries_.capacity() < kInitialCapacity) entries_.reserve(kInitialCapacity);
}

CallLog::~CallLog() {
  std::vector<DriverCall>* spare = SpareEntries();
  if (spare == nullptr || entries_.capacity() <= spare->capacity() ||
      entries_.capacity() > kMaxRecycledCapacity) {
    return;
  }
  entries_.clear();
  spare->swap(entries_);
}

uint64_t CallLog::StartCall(DriverCall call) {
  call.seq = entries_.size() + 1;
  call.finished = false;
  if (call.kind == CallKind::kOpen) {
    ++counts_.open_attempts;
    ++counts_.opens_in_flight;
  } else if (has_conn(call.conn)) {
    ConnSummary& c = mutable_conn(call.conn);
    ++c.calls;
    ++c.in_call;
    c.inside_seq = call.seq;
    if (call.kind == CallKind::kClose && c.close_calls++ == 0) c.first_close_seq = call.seq;
  }
  entries_.push_back(std::move(call));
  return entries_.size();
}

void CallLog::FinishCall(uint64_t seq, const absl::Status& status, sim::Instant end) {
  DriverCall& call = mutable_call(seq);
  call.finished = true;
  call.end = end;
  call.status = status;
  if (call.kind == CallKind::kOpen) {
    --counts_.opens_in_flight;
    return;
  }
  if (!has_conn(call.conn)) return;
  ConnSummary& c = mutable_conn(call.conn);
  --c.in_call;
  if (c.inside_seq == seq) c.inside_seq = 0;
  if (driver::IsBadConn(status)) c.failed_by_driver = true;
  if (call.kind == CallKind::kClose && !c.closed) {
    c.closed = true;
    ++counts_.conns_closed;
  }
}

const std::string& CallLog::goroutine_name(sim::GoroutineId id) const {
  static const std::string kUnknown = "?";
  if (id >= goroutine_names_.size() || goroutine_names_[id].empty()) return kUnknown;
  return goroutine_names_[id];
}

void CallLog::NoteGoroutine(sim::GoroutineId id, const std::string& name) {
  if (id >= goroutine_names_.size()) goroutine_names_.resize(id + 1);
  if (goroutine_names_[id].empty()) goroutine_names_[id] = name;
}

ConnId CallLog::AddConn(uint64_t open_seq, sim::Instant now) {
  ConnSummary c;
  c.id = static_cast<ConnId>(conns_.size() + 1);
  c.open_seq = open_seq;
  c.opened_at = now;
  conns_.push_back(c);
  ++counts_.conns_opened;
  mutable_call(open_seq).conn = c.id;
  return c.id;
}

}  // namespace model::fakedb
