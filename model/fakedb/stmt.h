// The fake driver's prepared statement (driver::Stmt with the Context variants). Its query
// is parsed once at Prepare; Exec, Query and Close are logged driver calls on its conn.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/driver/driver.h"
#include "model/fakedb/driver_state.h"
#include "model/fakedb/query.h"

namespace model::fakedb {

class FakeStmt : public driver::Stmt,
                 public driver::StmtExecContext,
                 public driver::StmtQueryContext {
 public:
  FakeStmt(std::shared_ptr<DriverState> state, ConnId conn, uint64_t id, std::string query,
           ParsedQuery parsed);

  uint64_t id() const { return id_; }
  ConnId conn_id() const { return conn_; }

  absl::Status Close() override;
  int NumInput() override { return parsed_.num_input; }  // not a driver call
  // The non-Context forms run with context.Background().
  absl::StatusOr<std::shared_ptr<driver::Result>> Exec(
      const std::vector<driver::Value>& args) override;
  absl::StatusOr<std::shared_ptr<driver::Rows>> Query(
      const std::vector<driver::Value>& args) override;
  absl::StatusOr<std::shared_ptr<driver::Result>> ExecContext(
      const sim::Context& ctx, const std::vector<driver::NamedValue>& args) override;
  absl::StatusOr<std::shared_ptr<driver::Rows>> QueryContext(
      const sim::Context& ctx, const std::vector<driver::NamedValue>& args) override;

 private:
  CallSite Site(CallKind kind, const sim::Context* ctx) const;

  std::shared_ptr<DriverState> state_;
  ConnId conn_;
  uint64_t id_;
  std::string query_;
  ParsedQuery parsed_;
  bool closed_ = false;
  // Rows made by Query and not yet closed; shared with those rows, which may outlive us.
  std::shared_ptr<uint32_t> open_rows_ = std::make_shared<uint32_t>(0);
};

// Go's ordinal NamedValues (1-based, unnamed) for positional args.
std::vector<driver::NamedValue> Named(const std::vector<driver::Value>& args);

}  // namespace model::fakedb
