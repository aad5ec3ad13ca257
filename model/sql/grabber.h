// Go's releaseConn and stmtConnGrabber: how a Tx or a Conn lends its one driverConn to a
// query or statement, and takes it back when the operation is done.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sim/context.h"

namespace model::sql {

class driverConn;

// Go: releaseConn func(error). Called once when an operation is done with a conn; the
// error (OK for nil) tells the pool whether the conn is still good.
using ReleaseFunc = std::function<void(const absl::Status&)>;

// A conn lent for one operation, with the function that gives it back.
struct GrabbedConn {
  std::shared_ptr<driverConn> dc;
  ReleaseFunc release;
};

// Go: stmtConnGrabber, implemented by Tx and Conn.
class stmtConnGrabber {
 public:
  virtual ~stmtConnGrabber() = default;
  // The conn and the function to call when the operation completes.
  virtual absl::StatusOr<GrabbedConn> grabConn(const sim::Context& ctx) = 0;
  // The transaction's context, to be watched with any query context; nullopt for a Conn.
  virtual std::optional<sim::Context> txCtx() = 0;
};

}  // namespace model::sql
