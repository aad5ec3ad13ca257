// Rows and Row: iteration, scanning, and closing (by the caller, at the end of the rows,
// or when the query's or transaction's context is done).
#include "model/sql/rows.h"

#include "model/sql/db.h"
#include "model/sql/errors.h"
#include "model/sql/read_lock.h"

namespace model::sql {

Mutation Rows::MutationInScope() const { return db->opts.mutation; }

// Go: (*Rows).lasterrOrErrLocked
absl::Status Rows::lasterrOrErrLocked(const absl::Status& err) const {
  if (!lasterr.ok() && !driver::IsEOF(lasterr)) return lasterr;
  return err;
}

// Go: (*Rows).initContextClose
void Rows::initContextClose(const sim::Context& ctx, const std::optional<sim::Context>& txctx) {
  if (ctx.Done().IsNil() && (!txctx.has_value() || txctx->Done().IsNil())) return;
  auto [cctx, cancelFn] = sim::WithCancel(ctx);
  cancel = cancelFn;
  auto self = shared_from_this();
  sim::Go("Rows.awaitDone", [self, cctx = cctx, txctx] { self->awaitDone(cctx, txctx); });
}

// Go: (*Rows).awaitDone
void Rows::awaitDone(sim::Context ctx, std::optional<sim::Context> txctx) {
  sim::Chan<sim::Unit> txctxDone;
  if (txctx.has_value()) txctxDone = txctx->Done();
  sim::Select sel;
  sel.Recv(ctx.Done());
  sel.Recv(txctxDone);
  sel.Wait();
  close(ctx.Err()).IgnoreError();
}

// Go: (*Rows).Next
bool Rows::Next() {
  std::pair<bool, bool> r;
  {
    ReadLockGuard guard(closemu);
    r = nextLocked();
  }
  if (r.first) Close().IgnoreError();
  return r.second;
}

// Go: (*Rows).nextLocked. The driver is called under the conn's lock so that a Tx cannot
// roll back the conn at the same time.
std::pair<bool, bool> Rows::nextLocked() {
  if (closed && !MUTANT(kNextAfterRowsClose)) return {false, false};
  sim::LockGuard guard(*dc);
  if (!lastcols.has_value()) lastcols.emplace(rowsi->Columns().size());
  lasterr = rowsi->Next(*lastcols);
  if (!lasterr.ok()) {
    // A driver error closes the Rows; so does the end of the (only) result set.
    return {true, false};
  }
  return {false, true};
}

// Go: (*Rows).NextResultSet
bool Rows::NextResultSet() {
  {
    ReadLockGuard guard(closemu);
    if (closed) return false;
    lastcols.reset();
  }
  Close().IgnoreError();
  return false;
}

// Go: (*Rows).Err
absl::Status Rows::Err() {
  ReadLockGuard guard(closemu);
  return lasterrOrErrLocked(absl::OkStatus());
}

// Go: (*Rows).Columns
absl::StatusOr<std::vector<std::string>> Rows::Columns() {
  ReadLockGuard guard(closemu);
  if (closed) return lasterrOrErrLocked(ErrRowsClosed());
  if (rowsi == nullptr) return lasterrOrErrLocked(ErrNoRowsAvailable());
  sim::LockGuard dcLock(*dc);
  return rowsi->Columns();
}

// Go: (*Rows).Scan
absl::Status Rows::ScanInto(const std::vector<ScanDest>& dest) {
  {
    ReadLockGuard guard(closemu);
    if (!lasterr.ok() && !driver::IsEOF(lasterr)) return lasterr;
    if (closed) return lasterrOrErrLocked(ErrRowsClosed());
  }
  if (!lastcols.has_value()) return ErrScanWithoutNext();
  if (dest.size() != lastcols->size()) return ErrScanArgCount(lastcols->size(), dest.size());
  for (size_t i = 0; i < lastcols->size(); i++) {
    absl::Status err = convertAssign(dest[i], (*lastcols)[i]);
    if (!err.ok()) return ErrScanColumn(i, rowsi->Columns()[i], err);
  }
  return absl::OkStatus();
}

// Go: (*Rows).Close
absl::Status Rows::Close() { return close(absl::OkStatus()); }

// Go: (*Rows).close. err (from a done context) becomes Err() unless an error came first;
// with rows_close_records_error, so does the driver's error from closing.
absl::Status Rows::close(absl::Status err) {
  sim::LockGuard guard(closemu);
  if (closed) return absl::OkStatus();
  closed = true;
  if (lasterr.ok()) lasterr = err;
  withLock(*dc, [&] { err = rowsi->Close(); });
  if (db->opts.hooks.rows_close) db->opts.hooks.rows_close(*this, &err);
  if (cancel) cancel();
  if (closeStmt != nullptr) closeStmt->Close().IgnoreError();
  releaseConn(err);
  if (db->features().rows_close_records_error) lasterr = lasterrOrErrLocked(err);
  return err;
}

// Go: (*Row).Scan
absl::Status Row::ScanInto(const std::vector<ScanDest>& dest) {
  if (!err_.ok()) return err_;
  struct CloseOnExit {
    Rows& rows;
    ~CloseOnExit() { rows.Close().IgnoreError(); }
  } closer{*rows_};
  if (!rows_->Next()) {
    absl::Status err = rows_->Err();
    if (!err.ok()) return err;
    return ErrNoRows();
  }
  absl::Status err = rows_->ScanInto(dest);
  if (!err.ok()) return err;
  return rows_->Close();
}

}  // namespace model::sql
