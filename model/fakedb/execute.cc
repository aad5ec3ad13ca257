// Exec and Query against the fake driver's table (see execute.h).
#include "model/fakedb/execute.h"

#include <utility>

#include "model/fakedb/result.h"
#include "model/fakedb/rows.h"

namespace model::fakedb {

absl::StatusOr<std::shared_ptr<driver::Result>> ExecParsed(
    DriverState& state, const ParsedQuery& query, const std::vector<driver::NamedValue>& args) {
  absl::StatusOr<BoundQuery> bound = BindQuery(query, ArgValues(args));
  if (!bound.ok()) return bound.status();
  absl::StatusOr<ExecOutcome> outcome = state.table().Exec(*bound);
  if (!outcome.ok()) return outcome.status();
  return std::make_shared<FakeResult>(*outcome);
}

absl::StatusOr<std::shared_ptr<driver::Rows>> QueryParsed(
    const std::shared_ptr<DriverState>& state, ConnId conn, const sim::Context& ctx,
    const ParsedQuery& query, const std::vector<driver::NamedValue>& args,
    std::shared_ptr<uint32_t> stmt_open_rows) {
  absl::StatusOr<BoundQuery> bound = BindQuery(query, ArgValues(args));
  if (!bound.ok()) return bound.status();
  absl::StatusOr<QueryOutcome> outcome = state->table().Query(*bound);
  if (!outcome.ok()) return outcome.status();
  ++state->conn(conn).open_rows;
  if (stmt_open_rows) ++*stmt_open_rows;
  return std::make_shared<FakeRows>(state, conn, state->NextRowsId(), ctx, *std::move(outcome),
                                    std::move(stmt_open_rows));
}

}  // namespace model::fakedb
