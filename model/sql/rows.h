// Go's sql.Rows: the cursor over a query's result. It owns the conn it was read from
// until it is closed, closes itself when its context (or its transaction's) is done, and
// serialises Close against Next/Scan with closemu as Go does.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/sql/convert.h"
#include "model/sql/driver_conn.h"
#include "model/sql/final_closer.h"
#include "model/sql/grabber.h"
#include "sim/go.h"

namespace model::sql {

class DB;

class Rows : public std::enable_shared_from_this<Rows> {
 public:
  Rows(std::shared_ptr<DB> db, std::shared_ptr<driverConn> dc, ReleaseFunc releaseConn,
       std::shared_ptr<driver::Rows> rowsi, DepId depKey)
      : db(std::move(db)), dc(std::move(dc)), releaseConn(std::move(releaseConn)),
        rowsi(std::move(rowsi)), depKey(depKey) {}

  // Go: (*Rows).Next
  bool Next();
  // Go: (*Rows).NextResultSet. The driver interfaces have no RowsNextResultSet, so there
  // is never a further result set.
  bool NextResultSet();
  // Go: (*Rows).Err
  absl::Status Err();
  // Go: (*Rows).Columns
  absl::StatusOr<std::vector<std::string>> Columns();
  // Go: (*Rows).Scan, e.g. rows->Scan(&id, &name).
  template <typename... Dest>
  absl::Status Scan(Dest*... dest) {
    return ScanInto(std::vector<ScanDest>{ScanDest(dest)...});
  }
  absl::Status ScanInto(const std::vector<ScanDest>& dest);
  // Go: (*Rows).Close
  absl::Status Close();

 private:
  friend class DB;
  friend class Stmt;

  std::pair<bool, bool> nextLocked();  // (doClose, ok)
  Mutation MutationInScope() const;    // for MUTANT() (rows.cc)
  absl::Status lasterrOrErrLocked(const absl::Status& err) const;
  void initContextClose(const sim::Context& ctx, const std::optional<sim::Context>& txctx);
  void awaitDone(sim::Context ctx, std::optional<sim::Context> txctx);
  absl::Status close(absl::Status err);

  // Not in Go's Rows: keeps the DB alive while the Rows holds one of its conns, as Go's GC
  // does through dc.db (driverConn holds its DB weakly).
  std::shared_ptr<DB> db;
  std::shared_ptr<driverConn> dc;  // owned until closed; released with releaseConn
  ReleaseFunc releaseConn;
  std::shared_ptr<driver::Rows> rowsi;
  sim::CancelFunc cancel;                // called when Rows is closed; may be empty
  std::shared_ptr<driverStmt> closeStmt;  // if set, closed with the Rows

  sim::RWMutex closemu;  // held for read while iterating, exclusively to close
  bool closed = false;
  absl::Status lasterr;  // OK unless closed or an error (ErrEOF at the end) was seen

  std::optional<std::vector<driver::Value>> lastcols;
  const DepId depKey;  // this Rows as a dependency of its Stmt (not in Go)
};

// Go's sql.Row: the result of QueryRow, holding either the query's error or its Rows.
class Row {
 public:
  Row(std::shared_ptr<Rows> rows, absl::Status err) : rows_(std::move(rows)), err_(std::move(err)) {}

  // Go: (*Row).Scan. The first row is scanned and the rest discarded; ErrNoRows if none.
  template <typename... Dest>
  absl::Status Scan(Dest*... dest) {
    return ScanInto(std::vector<ScanDest>{ScanDest(dest)...});
  }
  absl::Status ScanInto(const std::vector<ScanDest>& dest);
  // Go: (*Row).Err
  absl::Status Err() const { return err_; }

 private:
  std::shared_ptr<Rows> rows_;
  absl::Status err_;
};

}  // namespace model::sql
