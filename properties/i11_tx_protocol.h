// I11 transaction protocol: each driver transaction gets exactly one Commit or Rollback,
// and no statement of the transaction reaches the driver after that end.
//
// A transaction's statements are the ones its client operation sends: a statement call
// on the tx's conn from the goroutine that began it, while the same client operation (a
// "Tx{...}" op in the ClientLog) is still running, after Commit or Rollback has started,
// is a statement after the end. At the end of a run in which every client operation
// completed, every transaction begun must have been ended.
#pragma once

#include <cstdint>
#include <vector>

#include "properties/invariant.h"

namespace properties {

class I11TxProtocol : public Invariant {
 public:
  explicit I11TxProtocol(const KnownBugAllowances& allow = {}) : allow_(allow) {}
  InvariantId id() const override { return InvariantId::kI11; }
  void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) override;
  void OnDriverCallEnd(const model::fakedb::DriverCall& call, const Observation& obs) override;
  void AtEnd(const Observation& obs, const EndState& end) override;

 private:
  struct TxRecord {
    uint64_t tx = 0;               // the driver's tx id
    model::fakedb::ConnId conn = 0;
    uint64_t begin_seq = 0;
    sim::GoroutineId goroutine = 0;
    int64_t client_op = -1;        // the "Tx{...}" client op that began it, -1 if none
    uint64_t end_seq = 0;          // the first Commit/Rollback, 0 if none yet
    bool ended_by_cancel = false;  // that end was Tx.awaitDone's rollback
  };

  TxRecord* Find(uint64_t tx);
  void CheckStatement(const model::fakedb::DriverCall& call, const Observation& obs);

  KnownBugAllowances allow_;
  std::vector<TxRecord> txs_;  // in order of Begin
  std::vector<size_t> last_tx_of_conn_;  // index: conn id; 1 + index into txs_, 0 if none
};

}  // namespace properties
