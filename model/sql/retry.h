// Go's retry rule for every operation that takes a conn from the pool (ExecContext,
// QueryContext, PingContext, PrepareContext, BeginTx, Conn): while the attempt fails with
// driver.ErrBadConn, try again with a cached or new conn, up to maxBadConnRetries times,
// then once more with a new conn.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/sql/db.h"

namespace model::sql {

inline const absl::Status& StatusOf(const absl::Status& s) { return s; }
template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& s) {
  return s.status();
}

// attempt(connReuseStrategy) -> absl::Status or absl::StatusOr<T>.
template <typename Attempt>
auto retryBadConn(Attempt&& attempt) {
  auto result = attempt(connReuseStrategy::cachedOrNewConn);
  for (int i = 1; i < kMaxBadConnRetries && driver::IsBadConn(StatusOf(result)); i++) {
    result = attempt(connReuseStrategy::cachedOrNewConn);
  }
  if (driver::IsBadConn(StatusOf(result))) return attempt(connReuseStrategy::alwaysNewConn);
  return result;
}

}  // namespace model::sql
