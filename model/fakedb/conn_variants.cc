// Picks the fake conn class by the driver's options.
#include "model/fakedb/conn_variants.h"

#include <utility>

namespace model::fakedb {

std::shared_ptr<FakeConn> NewFakeConn(std::shared_ptr<DriverState> state, ConnId id) {
  const FakeDriverOptions& o = state->options();
  if (o.session_resetter && o.connection_validator) {
    return std::make_shared<FakeConnWithResetterAndValidator>(std::move(state), id);
  }
  if (o.session_resetter) return std::make_shared<FakeConnWithResetter>(std::move(state), id);
  if (o.connection_validator) {
    return std::make_shared<FakeConnWithValidator>(std::move(state), id);
  }
  return std::make_shared<FakeConn>(std::move(state), id);
}

}  // namespace model::fakedb
