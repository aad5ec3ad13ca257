// The database/sql error values; codes follow the table in model/FIDELITY.md.
#include "model/sql/errors.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace model::sql {

absl::Status ErrDBClosed() { return absl::FailedPreconditionError("sql: database is closed"); }
absl::Status ErrConnDone() {
  return absl::FailedPreconditionError("sql: connection is already closed");
}
absl::Status ErrTxDone() {
  return absl::FailedPreconditionError(
      "sql: transaction has already been committed or rolled back");
}
absl::Status ErrNoRows() { return absl::NotFoundError("sql: no rows in result set"); }
absl::Status ErrRowsClosed() { return absl::FailedPreconditionError("sql: Rows are closed"); }
absl::Status ErrNoRowsAvailable() {
  return absl::FailedPreconditionError("sql: no Rows available");
}
absl::Status ErrDuplicateConnClose() {
  return absl::InternalError("sql: duplicate driverConn close");
}
absl::Status ErrStmtClosed() { return absl::FailedPreconditionError("sql: statement is closed"); }
absl::Status ErrScanWithoutNext() {
  return absl::FailedPreconditionError("sql: Scan called without calling Next");
}
absl::Status ErrNamedParamsUnsupported() {
  return absl::UnimplementedError("sql: driver does not support the use of Named Parameters");
}
absl::Status ErrIsolationUnsupported() {
  return absl::UnimplementedError("sql: driver does not support non-default isolation level");
}
absl::Status ErrReadOnlyUnsupported() {
  return absl::UnimplementedError("sql: driver does not support read-only transactions");
}
absl::Status ErrStmtFromOtherDB() {
  return absl::InvalidArgumentError("sql: Tx.Stmt: statement from different database used");
}
absl::Status ErrArgCount(int want, int got) {
  return absl::InvalidArgumentError(
      absl::StrFormat("sql: expected %d arguments, got %d", want, got));
}
absl::Status ErrScanArgCount(size_t want, size_t got) {
  return absl::InvalidArgumentError(
      absl::StrFormat("sql: expected %d destination arguments in Scan, not %d", want, got));
}
absl::Status ErrScanColumn(size_t index, std::string_view name, const absl::Status& err) {
  return absl::InvalidArgumentError(absl::StrFormat(
      "sql: Scan error on column index %d, name \"%s\": %s", index, name, err.message()));
}

bool IsError(const absl::Status& err, const absl::Status& target) {
  return err.code() == target.code() && err.message() == target.message();
}

}  // namespace model::sql
