// The fake conn classes with the optional interfaces SessionResetter and
// ConnectionValidator, and the factory that picks the class the driver's options ask for.
// C++ interfaces are static, so "switched off" means "a class without that base".
#pragma once

#include <memory>

#include "model/driver/driver.h"
#include "model/fakedb/conn.h"

namespace model::fakedb {

class FakeConnWithResetter : public FakeConn, public driver::SessionResetter {
 public:
  using FakeConn::FakeConn;
  absl::Status ResetSession(const sim::Context& ctx) override { return ResetSessionCall(ctx); }
};

class FakeConnWithValidator : public FakeConn, public driver::ConnectionValidator {
 public:
  using FakeConn::FakeConn;
  bool ValidConnection() override { return ValidConnectionCall(); }
};

class FakeConnWithResetterAndValidator : public FakeConn,
                                         public driver::SessionResetter,
                                         public driver::ConnectionValidator {
 public:
  using FakeConn::FakeConn;
  absl::Status ResetSession(const sim::Context& ctx) override { return ResetSessionCall(ctx); }
  bool ValidConnection() override { return ValidConnectionCall(); }
};

// A conn of the class state->options() asks for.
std::shared_ptr<FakeConn> NewFakeConn(std::shared_ptr<DriverState> state, ConnId id);

}  // namespace model::fakedb
