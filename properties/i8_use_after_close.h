// I8 no use after close: no driver call on a conn after its Close started, and none on a
// statement or rows after their Close; each Close at most once. Checked as each call
// starts.
#pragma once

#include <cstdint>

#include "absl/container/flat_hash_set.h"
#include "properties/invariant.h"

namespace properties {

class I8UseAfterClose : public Invariant {
 public:
  InvariantId id() const override { return InvariantId::kI8; }
  void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) override;

 private:
  void CheckConn(const model::fakedb::DriverCall& call, const Observation& obs);
  void CheckObject(const model::fakedb::DriverCall& call, const Observation& obs);

  // Keys of statements and rows whose Close has started: object id * 2 + (1 for rows).
  absl::flat_hash_set<uint64_t> closed_objects_;
};

}  // namespace properties
