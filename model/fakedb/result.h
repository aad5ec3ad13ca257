// The fake driver's driver::Result: the outcome of an exec, fixed when the exec ran.
// Reading it is not a driver call (as in Go's fakedb), so it is not logged.
#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/fakedb/table.h"

namespace model::fakedb {

class FakeResult : public driver::Result {
 public:
  explicit FakeResult(ExecOutcome outcome) : outcome_(outcome) {}
  absl::StatusOr<int64_t> LastInsertId() override { return outcome_.last_insert_id; }
  absl::StatusOr<int64_t> RowsAffected() override { return outcome_.rows_affected; }

 private:
  ExecOutcome outcome_;
};

}  // namespace model::fakedb
