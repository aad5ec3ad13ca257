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
