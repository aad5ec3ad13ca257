// Rows.Next and Rows.Close of the fake driver.
#include "model/fakedb/rows.h"

#include <utility>

namespace model::fakedb {

FakeRows::FakeRows(std::shared_ptr<DriverState> state, ConnId conn, uint64_t id,
                   sim::Context ctx, QueryOutcome data,
                   std::shared_ptr<uint32_t> stmt_open_rows)
    : state_(std::move(state)), conn_(conn), id_(id), ctx_(std::move(ctx)), data_(std::move(data)),
      stmt_open_rows_(std::move(stmt_open_rows)) {}

absl::Status FakeRows::Next(std::vector<driver::Value>& dest) {
  const CallSite site{.kind = CallKind::kRowsNext, .conn = conn_, .object = id_,
                      .object_closed = closed_, .detail = {}, .ctx = &ctx_};
  return state_->Run<absl::Status>(site, [&]() -> absl::Status {
    if (next_row_ >= data_.rows.size()) return driver::ErrEOF();
    dest = data_.rows[next_row_++];
    return absl::OkStatus();
  });
}

absl::Status FakeRows::Close() {
  const bool was_closed = std::exchange(closed_, true);
  if (!was_closed) --state_->conn(conn_).open_rows;
  if (!was_closed && stmt_open_rows_) --*stmt_open_rows_;
  const CallSite site{.kind = CallKind::kRowsClose, .conn = conn_, .object = id_,
                      .object_closed = was_closed, .detail = {}, .ctx = nullptr};
  return state_->Run<absl::Status>(site, [] { return absl::OkStatus(); });
}

}  // namespace model::fakedb
