// Running a parsed query against the driver's table on behalf of a conn or a statement,
// and wrapping the outcome in the driver's Result or Rows. Shared by conn-level
// Exec/Query and Stmt.Exec/Query so both paths behave the same.
#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/fakedb/driver_state.h"
#include "model/fakedb/query.h"
#include "sim/context.h"

namespace model::fakedb {

absl::StatusOr<std::shared_ptr<driver::Result>> ExecParsed(
    DriverState& state, const ParsedQuery& query, const std::vector<driver::NamedValue>& args);

// The rows are registered as open on `conn` (and on `stmt_open_rows`, the statement's
// count, for a Stmt.Query) and remember `ctx` for block faults.
absl::StatusOr<std::shared_ptr<driver::Rows>> QueryParsed(
    const std::shared_ptr<DriverState>& state, ConnId conn, const sim::Context& ctx,
    const ParsedQuery& query, const std::vector<driver::NamedValue>& args,
    std::shared_ptr<uint32_t> stmt_open_rows = nullptr);

}  // namespace model::fakedb
