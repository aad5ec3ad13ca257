// The error values of Go's database/sql as absl::Status. Go compares these by identity
// (err == ErrTxDone); here a value is recognised by its code and message together, with
// IsError(). model/FIDELITY.md holds the table of which absl code each one uses.
#pragma once

#include <string_view>

#include "absl/status/status.h"

namespace model::sql {

// Go: errDBClosed, "sql: database is closed".
absl::Status ErrDBClosed();
// Go: ErrConnDone, "sql: connection is already closed".
absl::Status ErrConnDone();
// Go: ErrTxDone, "sql: transaction has already been committed or rolled back".
absl::Status ErrTxDone();
// Go: ErrNoRows, "sql: no rows in result set" (Row.Scan on an empty result).
absl::Status ErrNoRows();
// Go: errRowsClosed, "sql: Rows are closed".
absl::Status ErrRowsClosed();
// Go: errNoRows, "sql: no Rows available" (Rows.Columns before any result set).
absl::Status ErrNoRowsAvailable();
// Go: errors.New("sql: duplicate driverConn close").
absl::Status ErrDuplicateConnClose();
// Go: errors.New("sql: statement is closed").
absl::Status ErrStmtClosed();
// Go: errors.New("sql: Scan called without calling Next").
absl::Status ErrScanWithoutNext();
// Go: errors.New("sql: driver does not support the use of Named Parameters").
absl::Status ErrNamedParamsUnsupported();
// Go: errors.New("sql: driver does not support non-default isolation level").
absl::Status ErrIsolationUnsupported();
// Go: errors.New("sql: driver does not support read-only transactions").
absl::Status ErrReadOnlyUnsupported();
// Go: errors.New("sql: Tx.Stmt: statement from different database used").
absl::Status ErrStmtFromOtherDB();
// Go: fmt.Errorf("sql: expected %d arguments, got %d", want, got).
absl::Status ErrArgCount(int want, int got);
// Go: fmt.Errorf("sql: expected %d destination arguments in Scan, not %d", want, got).
absl::Status ErrScanArgCount(size_t want, size_t got);
// Go: fmt.Errorf(`sql: Scan error on column index %d, name %q: %v`, i, name, err).
absl::Status ErrScanColumn(size_t index, std::string_view name, const absl::Status& err);

// Whether err is the error value `target` (same code and same message): Go's err == target.
bool IsError(const absl::Status& err, const absl::Status& target);

}  // namespace model::sql
