// Commit and Rollback of the fake driver's transaction.
#include "model/fakedb/tx.h"

#include <utility>

namespace model::fakedb {

FakeTx::FakeTx(std::shared_ptr<DriverState> state, ConnId conn, uint64_t id, sim::Context ctx)
    : state_(std::move(state)), conn_(conn), id_(id), ctx_(std::move(ctx)) {}

// The tx ends when Commit or Rollback is called, whatever they return: as in Go, the pool
// never ends a tx twice, so a second call is misuse.
absl::Status FakeTx::End(CallKind kind) {
  const bool was_ended = std::exchange(ended_, true);
  ConnSummary& conn = state_->conn(conn_);
  if (!was_ended && conn.open_tx == id_) conn.open_tx = 0;
  const CallSite site{.kind = kind, .conn = conn_, .object = id_, .object_closed = was_ended,
                      .detail = {}, .ctx = &ctx_};
  return state_->Run<absl::Status>(site, [] { return absl::OkStatus(); });
}

}  // namespace model::fakedb
