// The fake driver's transaction. Commit and Rollback are logged driver calls that end it;
// the table has no isolation, so they change no data. A block fault on them waits on the
// context given to BeginTx.
#pragma once

#include <cstdint>
#include <memory>

#include "model/driver/driver.h"
#include "model/fakedb/driver_state.h"
#include "sim/context.h"

namespace model::fakedb {

class FakeTx : public driver::Tx {
 public:
  FakeTx(std::shared_ptr<DriverState> state, ConnId conn, uint64_t id, sim::Context ctx);

  uint64_t id() const { return id_; }
  ConnId conn_id() const { return conn_; }

  absl::Status Commit() override { return End(CallKind::kCommit); }
  absl::Status Rollback() override { return End(CallKind::kRollback); }

 private:
  absl::Status End(CallKind kind);

  std::shared_ptr<DriverState> state_;
  ConnId conn_;
  uint64_t id_;
  sim::Context ctx_;
  bool ended_ = false;
};

}  // namespace model::fakedb
