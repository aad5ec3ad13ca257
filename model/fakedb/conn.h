// The fake driver's connection: driver::Conn with the Context variants of Prepare and
// Begin, ExecerContext, QueryerContext and Pinger. SessionResetter and ConnectionValidator
// are added by the subclasses in conn_variants.h, so turning them off in the options makes
// the pool's dynamic_pointer_cast fail exactly as Go's type assertion would.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/driver/driver.h"
#include "model/fakedb/driver_state.h"
#include "model/fakedb/query.h"

namespace model::fakedb {

class FakeConn : public driver::Conn,
                 public driver::ConnPrepareContext,
                 public driver::ConnBeginTx,
                 public driver::ExecerContext,
                 public driver::QueryerContext,
                 public driver::Pinger {
 public:
  FakeConn(std::shared_ptr<DriverState> state, ConnId id);

  ConnId id() const { return id_; }

  // The non-Context forms run with context.Background().
  absl::StatusOr<std::shared_ptr<driver::Stmt>> Prepare(const std::string& query) override;
  absl::Status Close() override;
  absl::StatusOr<std::shared_ptr<driver::Tx>> Begin() override;

  absl::StatusOr<std::shared_ptr<driver::Stmt>> PrepareContext(const sim::Context& ctx,
                                                               const std::string& query) override;
  absl::StatusOr<std::shared_ptr<driver::Tx>> BeginTx(const sim::Context& ctx,
                                                       const driver::TxOptions& opts) override;
  absl::StatusOr<std::shared_ptr<driver::Result>> ExecContext(
      const sim::Context& ctx, const std::string& query,
      const std::vector<driver::NamedValue>& args) override;
  absl::StatusOr<std::shared_ptr<driver::Rows>> QueryContext(
      const sim::Context& ctx, const std::string& query,
      const std::vector<driver::NamedValue>& args) override;
  absl::Status Ping(const sim::Context& ctx) override;

 protected:
  // The bodies of the optional interfaces, exposed by the subclasses.
  absl::Status ResetSessionCall(const sim::Context& ctx);
  bool ValidConnectionCall();

 private:
  CallSite Site(CallKind kind, const sim::Context* ctx, absl::string_view detail = {}) const;
  absl::StatusOr<ParsedQuery> ParseForExecer(const std::string& query) const;

  std::shared_ptr<DriverState> state_;
  ConnId id_;
};

}  // namespace model::fakedb
