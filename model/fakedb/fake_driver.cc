// Opening conns of the fake driver.
#include "model/fakedb/fake_driver.h"

#include <utility>

#include "model/fakedb/conn_variants.h"

namespace model::fakedb {

std::shared_ptr<FakeDriver> FakeDriver::Create(FakeDriverOptions options) {
  return std::shared_ptr<FakeDriver>(new FakeDriver(std::move(options)));
}

FakeDriver::FakeDriver(FakeDriverOptions options)
    : state_(std::make_shared<DriverState>(std::move(options))) {}

absl::StatusOr<std::shared_ptr<driver::Conn>> FakeDriver::Open(const std::string& name) {
  return OpenContext(sim::Context::Background());
}

absl::StatusOr<std::shared_ptr<driver::Conn>> FakeDriver::OpenContext(const sim::Context& ctx) {
  absl::StatusOr<ConnId> id = state_->RunOpen(&ctx);
  if (!id.ok()) return id.status();
  return NewFakeConn(state_, *id);
}

std::shared_ptr<driver::Connector> FakeDriver::NewConnector() {
  return std::make_shared<FakeConnector>(shared_from_this());
}

}  // namespace model::fakedb
