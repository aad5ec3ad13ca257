// Go's sql.Result (implemented, as in Go, only by driverResult): the outcome of an Exec,
// whose accessors call the driver under the conn's lock.
#pragma once

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/sql/driver_conn.h"

namespace model::sql {

class Result {
 public:
  Result(std::shared_ptr<driverConn> dc, std::shared_ptr<driver::Result> resi)
      : dc_(std::move(dc)), resi_(std::move(resi)) {}

  // Go: driverResult.LastInsertId
  absl::StatusOr<int64_t> LastInsertId() {
    sim::LockGuard guard(*dc_);
    return resi_->LastInsertId();
  }
  // Go: driverResult.RowsAffected
  absl::StatusOr<int64_t> RowsAffected() {
    sim::LockGuard guard(*dc_);
    return resi_->RowsAffected();
  }

 private:
  std::shared_ptr<driverConn> dc_;  // Go: the embedded sync.Locker
  std::shared_ptr<driver::Result> resi_;
};

}  // namespace model::sql
