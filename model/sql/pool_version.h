// The pool versions poolcheck models, as one table: for each, the name the CLI and replay
// tokens use, the older names still read, the Go commit, a one-line summary and the
// features the ported code branches on. Everything that lists, parses or prints a version
// (the CLI, tokens, the known-bug table, the ported Go tests, the model) reads this table;
// ported functions branch on a PoolFeatures field, never on a PoolVersion value. Adding a
// version touches this file, pool_version.cc, the functions whose Go code changed,
// model/FIDELITY.md and tests (README.md, "Adding a pool version").
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace model::sql {

// One enumerator per row of the table, in table order.
enum class PoolVersion : uint8_t {
  kAsyncReset,  // Go 0eeec4f25dc6: sessions reset by the connectionResetter goroutine
  kSyncReset,   // Go 971f8a2: sessions reset when a conn is next taken (the #31480 fix)
  kGo119,       // Go 1.19.8 (Debian's golang-1.19-src): 971f8a2 plus three years of fixes
};

// What the ported code asks of a version: one field per shape of Go code that differs.
struct PoolFeatures {
  // putConn marks a returned conn needReset (in validateConnection) and (*DB).conn resets
  // its session, on the taker's goroutine, just before handing it out again.
  bool resets_session_synchronously = false;
  // putConn asks a driver.ConnectionValidator whether a returned conn may be pooled.
  bool has_connection_validator = false;
  // OpenDB starts connectionResetter; putConn queues a returned conn, locked, on resetterCh
  // (capacity DBOptions::resetter_capacity) or marks it bad when the channel is full, and
  // (*DB).conn reads the verdict the resetter left in driverConn::lastErr.
  bool has_connection_resetter = false;
  // (*DB).conn reuses the most recently returned free conn (freeConn's last), so freeConn
  // stays ordered by returnedAt, instead of the oldest one (freeConn's first).
  bool reuses_newest_free_conn = false;
  // connectionCleanerRunLocked takes and returns the delay to its next run, sweeps idle
  // time first (the oldest prefix of the ordered freeConn), keeps freeConn's order when it
  // removes an expired conn, and shortens the delay to the next conn's expiry;
  // shortestIdleTimeLocked ignores an unset limit; connectionCleaner drains its timer
  // before resetting it.
  bool cleaner_tracks_next_expiry = false;
  // putConn discards a returned conn past maxLifetime (as a bad conn), and (*DB).conn
  // counts every expired conn it closes in maxLifetimeClosed.
  bool counts_and_discards_expired_on_use = false;
  // (*DB).conn's wait at maxOpen checks a handed-over conn's lifetime only for
  // cachedOrNewConn: the last retry (alwaysNewConn) takes an expired conn and uses it.
  bool expiry_checked_only_when_cached = false;
  // Commit and rollback cancel the Tx's context and wait for closemu (running statements)
  // before the driver's Commit/Rollback; (*Tx).close no longer does (golang/go#34775 fix).
  bool tx_quiesces_before_end = false;
  // beginDC records keepConnOnRollback (the driver conn is a SessionResetter and a
  // Validator); awaitDone's rollback then keeps the conn instead of discarding it.
  bool keeps_conn_on_rollback = false;
  // (*Rows).close ends by recording its error in lasterr (lasterrOrErrLocked).
  bool rows_close_records_error = false;
};

struct PoolVersionInfo {
  PoolVersion version;
  absl::string_view name;                       // on the command line, in tokens and reports
  std::span<const absl::string_view> aliases;   // older names, still read, never written
  absl::string_view go_commit;
  absl::string_view summary;                    // what it is, for `poolcheck list`
  PoolFeatures features;
};

// The pool a DB, a workload or a `--pool`-less exploration runs by default.
inline constexpr PoolVersion kDefaultPoolVersion = PoolVersion::kSyncReset;

// Every row, in enum order (the order `poolcheck list` shows).
std::span<const PoolVersionInfo> AllPoolVersionInfos();
// Every version, in table order: the default list for anything that runs "all versions".
std::vector<PoolVersion> AllPoolVersions();

const PoolVersionInfo& PoolVersionInfoOf(PoolVersion v);
absl::string_view PoolVersionName(PoolVersion v);
const PoolFeatures& FeaturesOf(PoolVersion v);

// A name or an alias back to its version; nullopt if no row has it.
std::optional<PoolVersion> PoolVersionFromName(absl::string_view name);
// The same, with the one-line error every reader of a version name gives:
// "unknown pool version 'x' (known: async-reset, sync-reset)".
absl::StatusOr<PoolVersion> ParsePoolVersion(absl::string_view name);

// "async-reset, sync-reset": the names (not aliases), for help and error text.
std::string PoolVersionNameList();

}  // namespace model::sql
