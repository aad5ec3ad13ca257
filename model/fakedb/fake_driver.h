// The fake database/sql driver built for attack (after Go's fakedb_test.go): a Driver and a
// Connector whose conns share one table, one call log and one fault plan. Conn ids are
// 1, 2, 3... in order of successful open. Create one driver per simulated run; its calls
// must be made from goroutines of that run.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/fakedb/call_log.h"
#include "model/fakedb/driver_state.h"
#include "model/fakedb/options.h"
#include "sim/context.h"

namespace model::fakedb {

class FakeDriver : public driver::Driver, public std::enable_shared_from_this<FakeDriver> {
 public:
  static std::shared_ptr<FakeDriver> Create(FakeDriverOptions options = {});

  // Driver.Open: the name is ignored; runs with context.Background(), so a block fault
  // on it never ends.
  absl::StatusOr<std::shared_ptr<driver::Conn>> Open(const std::string& name) override;
  // Connector.Connect's work, with its context.
  absl::StatusOr<std::shared_ptr<driver::Conn>> OpenContext(const sim::Context& ctx);
  std::shared_ptr<driver::Connector> NewConnector();

  // Read access for properties and tests.
  const CallLog& log() const { return state_->log(); }
  const Table& table() const { return state_->table(); }
  const FakeDriverOptions& options() const { return state_->options(); }
  uint64_t chosen_fault_budget_left() const { return state_->faults().chosen_budget_left(); }
  // Observers are not owned and must outlive the driver's calls.
  void AddObserver(DriverObserver* observer) { state_->AddObserver(observer); }

 private:
  explicit FakeDriver(FakeDriverOptions options);

  std::shared_ptr<DriverState> state_;
};

class FakeConnector : public driver::Connector {
 public:
  explicit FakeConnector(std::shared_ptr<FakeDriver> driver) : driver_(std::move(driver)) {}

  absl::StatusOr<std::shared_ptr<driver::Conn>> Connect(const sim::Context& ctx) override {
    return driver_->OpenContext(ctx);
  }
  std::shared_ptr<driver::Driver> GetDriver() override { return driver_; }

 private:
  std::shared_ptr<FakeDriver> driver_;
};

}  // namespace model::fakedb
