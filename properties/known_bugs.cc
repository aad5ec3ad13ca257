// Known-bug names: see known_bugs.h.
#include "properties/known_bugs.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace properties {
namespace {

// One row per KnownBugAllowances field. `present_in` says, from a version's features,
// whether its code has the bug; a version whose Go fix changes that code gets a feature
// for the fix, and the row tests it.
struct KnownBugRow {
  const char* name;
  const char* summary;
  bool KnownBugAllowances::*field;
  bool (*present_in)(const model::sql::PoolFeatures&);
  InvariantId invariant;
  const char* confirmed_by;  // see KnownBugInfo
  const char* real_go_note;
  // Words every failure message of this bug has, when its invariant also fails in other
  // ways ("": any failure of the invariant may be it). A panic's message.
  const char* message_mark = "";
  KnownBugShape shape = KnownBugShape::kInvariant;
  const char* panic_site = "";  // kPanic: see KnownBugInfo::panic_site
};

// A row for a bug that shows as a panic with `message` raised in `site` (no invariant).
constexpr KnownBugRow PanicRow(const char* name, const char* summary,
                               bool KnownBugAllowances::*field,
                               bool (*present_in)(const model::sql::PoolFeatures&),
                               const char* confirmed_by, const char* site,
                               const char* message) {
  return KnownBugRow{name,         summary, field,   present_in,           InvariantId::kI1,
                     confirmed_by, "",      message, KnownBugShape::kPanic, site};
}

// The bug's code has the same shape in every modelled version, Go 1.19.8 included.
bool InEveryVersion(const model::sql::PoolFeatures&) { return true; }
// golang/go#34775 is fixed where Commit and rollback wait for closemu before the driver
// call (Go 1.19).
bool TxNotQuiescedBeforeEnd(const model::sql::PoolFeatures& f) {
  return !f.tx_quiesces_before_end;
}
// golang/go#32530 is fixed where conn()'s wait checks a handed-over conn's expiry only for
// cachedOrNewConn (Go 1.19).
bool ExpiryCheckedOnEveryHandoff(const model::sql::PoolFeatures& f) {
  return !f.expiry_checked_only_when_cached;
}

constexpr KnownBugRow kRows[] = {
    {"tx-stmt-after-cancel-rollback",
     "I11: a Tx statement reaches the driver after Tx.awaitDone rolled the tx back "
     "(golang/go#34775)",
     &KnownBugAllowances::tx_statement_after_cancel_rollback, &TxNotQuiescedBeforeEnd,
     InvariantId::kI11,
     "",
     "fixed before Go 1.19 (go1.19's Tx.rollback takes closemu before the driver's Rollback), "
     "so confirm/ has no program for it"},
    {"last-retry-waits-beside-idle",
     "I3: conn()'s last retry (alwaysNewConn) waits at maxOpen while conns sit idle",
     &KnownBugAllowances::always_new_conn_waits_beside_idle_conns, &InEveryVersion, InvariantId::kI3,
     "confirm/last_retry_waits (Go 1.19.8)", ""},
    {"expired-handoff-bad-conn",
     "I6: conn() closes an expired conn handed to a waiter and returns ErrBadConn even on the "
     "last retry (alwaysNewConn) (golang/go#32530)",
     &KnownBugAllowances::bad_conn_for_expired_handoff, &ExpiryCheckedOnEveryHandoff,
     InvariantId::kI6, "",
     "fixed before Go 1.19 (go1.19's conn() checks a handed-over conn's expiry only for "
     "cachedOrNewConn), so confirm/ has no program for it",
     "got ErrBadConn"},
    {"tx-stmt-closed-under-rows",
     "I8: Stmt.Close of a Tx's or Conn's statement closes the driver statement while rows of "
     "its Query are still open (driver.Stmt: not closed while queries use it)",
     &KnownBugAllowances::stmt_closed_under_open_rows, &InEveryVersion, InvariantId::kI8,
     "confirm/stmt_closed_under_rows (Go 1.19.8)", "", "rows its Query made are still open"},
    {"cleaner-started-after-close",
     "I4: SetConnMaxLifetime/SetConnMaxIdleTime after DB.Close, with a conn still open, start "
     "a connectionCleaner that outlives Close",
     &KnownBugAllowances::cleaner_started_after_close, &InEveryVersion, InvariantId::kI4,
     "confirm/cleaner_after_close (Go 1.19.8)", "", "connectionCleaner is still alive"},
    {"conn-close-drops-bad-conn",
     "I5: a sql.Conn's Close racing the end of a failed operation on it (Tx.awaitDone's "
     "rollback) wins Conn.close's CAS and gives the conn back with no error: the pool reuses "
     "a conn it saw fail (drivers without driver.Validator)",
     &KnownBugAllowances::conn_close_drops_bad_conn, &InEveryVersion, InvariantId::kI5,
     "confirm/conn_close_drops_bad_conn (Go 1.19.8)", "", "dropping the bad-conn verdict"},
    PanicRow("lifetime-after-close-panics",
             "panic: SetConnMaxLifetime/SetConnMaxIdleTime lowering a setting after DB.Close, "
             "before the connectionCleaner saw the Close, sends on the closed cleanerCh (Go: "
             "(*DB).SetConnMaxLifetime, (*DB).Close; still in Go master of May 2024)",
             &KnownBugAllowances::lifetime_after_close_panics, &InEveryVersion,
             "confirm/lifetime_after_close_panics (Go 1.19.8)", "model/sql/db_settings.cc",
             "send on closed channel"),
    PanicRow("conn-grab-after-close-panics",
             "panic: an operation on a sql.Conn passes grabConn's done check, a concurrent "
             "close (Conn.Close, or the Conn closing itself on ErrBadConn) takes closemu first "
             "and sets dc to nil, and the operation dereferences nil (Go: (*Conn).grabConn, "
             "(*Conn).close; still in Go master of May 2024)",
             &KnownBugAllowances::conn_grab_after_close_panics, &InEveryVersion,
             "confirm/conn_grab_after_close_panics (Go 1.19.8)", "model/sql/conn.cc",
             "sql.Conn used after a concurrent Close"),
};

bool InVersion(const KnownBugInfo& bug, model::sql::PoolVersion version) {
  return std::find(bug.versions.begin(), bug.versions.end(), version) != bug.versions.end();
}

// Whether a failure raised at `location` ("file:line") was raised in `site` (a file).
bool RaisedIn(absl::string_view location, absl::string_view site) {
  return absl::StartsWith(location, site) && location.size() > site.size() &&
         location[site.size()] == ':';
}

}  // namespace

std::vector<KnownBugInfo> ListKnownBugs() {
  std::vector<KnownBugInfo> out;
  for (const KnownBugRow& row : kRows) {
    KnownBugInfo info{row.name,         row.summary,      {},
                      row.shape,        row.invariant,    row.confirmed_by,
                      row.real_go_note, row.message_mark, row.panic_site};
    for (const model::sql::PoolVersionInfo& v : model::sql::AllPoolVersionInfos()) {
      if (row.present_in(v.features)) info.versions.push_back(v.version);
    }
    out.push_back(std::move(info));
  }
  return out;
}

std::string RealGoStatus(const KnownBugInfo& bug) {
  if (!bug.confirmed_by.empty()) return absl::StrCat("confirmed on real Go by ", bug.confirmed_by);
  return absl::StrCat("not confirmed on real Go: ", bug.real_go_note);
}

std::string_view KnownBugFailureId(const KnownBugInfo& bug) {
  return bug.shape == KnownBugShape::kPanic ? "panic" : InvariantName(bug.invariant);
}

std::vector<KnownBugInfo> KnownBugsOfFailure(absl::string_view failure_id,
                                             absl::string_view location,
                                             absl::string_view message,
                                             model::sql::PoolVersion version) {
  std::vector<KnownBugInfo> out;
  for (KnownBugInfo& bug : ListKnownBugs()) {
    const std::string_view id(failure_id.data(), failure_id.size());
    if (!InVersion(bug, version) || KnownBugFailureId(bug) != id) continue;
    if (!absl::StrContains(message, bug.message_mark)) continue;
    if (bug.shape == KnownBugShape::kPanic && !RaisedIn(location, bug.panic_site)) continue;
    out.push_back(std::move(bug));
  }
  return out;
}

std::string AllowedKnownPanic(const KnownBugAllowances& allow, absl::string_view location,
                              absl::string_view message, model::sql::PoolVersion version) {
  for (const KnownBugRow& row : kRows) {
    if (row.shape != KnownBugShape::kPanic || !(allow.*row.field)) continue;
    for (const KnownBugInfo& bug : KnownBugsOfFailure("panic", location, message, version)) {
      if (bug.name == row.name) return bug.name;
    }
  }
  return "";
}

absl::StatusOr<KnownBugAllowances> ParseKnownBugs(absl::string_view text) {
  if (text == "all") return KnownBugAllowances::AllKnownBugs();
  KnownBugAllowances allow;
  for (absl::string_view name : absl::StrSplit(text, ',')) {
    bool found = false;
    for (const KnownBugRow& row : kRows) {
      if (name == row.name) {
        allow.*row.field = true;
        found = true;
      }
    }
    if (!found) {
      std::vector<std::string> names;
      for (const KnownBugRow& row : kRows) names.push_back(row.name);
      return absl::InvalidArgumentError(absl::StrCat("unknown known bug '", name, "' (known: ",
                                                     absl::StrJoin(names, ", "), ", all)"));
    }
  }
  return allow;
}

std::string KnownBugNames(const KnownBugAllowances& allow) {
  std::vector<std::string> names;
  for (const KnownBugRow& row : kRows) {
    if (allow.*row.field) names.push_back(row.name);
  }
  return absl::StrJoin(names, ",");
}

}  // namespace properties
