// The database/sql/driver interfaces that the pool talks to (Go: database/sql/driver).
// Optional Go interfaces (Pinger, SessionResetter, ConnectionValidator, the Context
// variants) are separate abstract classes a driver type may also derive from; the pool
// discovers them with dynamic_pointer_cast, as Go does with a type assertion. Errors are
// absl::Status values; ErrBadConn, ErrSkip and io.EOF are recognised by the predicates
// below, never by pointer identity.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sim/context.h"
#include "sim/time.h"

namespace model::driver {

// Go's []byte, distinct from string.
struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};

// Go's driver.Value: nil, int64, float64, bool, string, []byte or time.Time.
using Value = std::variant<std::monostate, int64_t, double, bool, std::string, Bytes, sim::Instant>;

std::string ValueToString(const Value& v);

struct NamedValue {
  std::string name;
  int ordinal = 0;  // 1-based position
  Value value;
};

// Go's driver.ErrBadConn: "driver: bad connection".
absl::Status ErrBadConn();
bool IsBadConn(const absl::Status& s);
// Go's driver.ErrSkip.
absl::Status ErrSkip();
bool IsSkip(const absl::Status& s);
// Go's io.EOF, returned by Rows::Next at the end of the rows.
absl::Status ErrEOF();
bool IsEOF(const absl::Status& s);

class Result {
 public:
  virtual ~Result() = default;
  virtual absl::StatusOr<int64_t> LastInsertId() = 0;
  virtual absl::StatusOr<int64_t> RowsAffected() = 0;
};

class Rows {
 public:
  virtual ~Rows() = default;
  virtual std::vector<std::string> Columns() = 0;
  virtual absl::Status Close() = 0;
  // Fills dest (sized to Columns()) with the next row; ErrEOF() after the last.
  virtual absl::Status Next(std::vector<Value>& dest) = 0;
};

class Stmt {
 public:
  virtual ~Stmt() = default;
  virtual absl::Status Close() = 0;
  virtual int NumInput() = 0;  // -1: unknown
  virtual absl::StatusOr<std::shared_ptr<Result>> Exec(const std::vector<Value>& args) = 0;
  virtual absl::StatusOr<std::shared_ptr<Rows>> Query(const std::vector<Value>& args) = 0;
};

class StmtExecContext {
 public:
  virtual ~StmtExecContext() = default;
  virtual absl::StatusOr<std::shared_ptr<Result>> ExecContext(
      const sim::Context& ctx, const std::vector<NamedValue>& args) = 0;
};

class StmtQueryContext {
 public:
  virtual ~StmtQueryContext() = default;
  virtual absl::StatusOr<std::shared_ptr<Rows>> QueryContext(
      const sim::Context& ctx, const std::vector<NamedValue>& args) = 0;
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual absl::Status Commit() = 0;
  virtual absl::Status Rollback() = 0;
};

enum class IsolationLevel : int { kDefault = 0 };

struct TxOptions {
  IsolationLevel isolation = IsolationLevel::kDefault;
  bool read_only = false;
};

class Conn {
 public:
  virtual ~Conn() = default;
  virtual absl::StatusOr<std::shared_ptr<Stmt>> Prepare(const std::string& query) = 0;
  virtual absl::Status Close() = 0;
  virtual absl::StatusOr<std::shared_ptr<Tx>> Begin() = 0;
};

class ConnPrepareContext {
 public:
  virtual ~ConnPrepareContext() = default;
  virtual absl::StatusOr<std::shared_ptr<Stmt>> PrepareContext(const sim::Context& ctx,
                                                               const std::string& query) = 0;
};

class ConnBeginTx {
 public:
  virtual ~ConnBeginTx() = default;
  virtual absl::StatusOr<std::shared_ptr<Tx>> BeginTx(const sim::Context& ctx,
                                                       const TxOptions& opts) = 0;
};

class ExecerContext {
 public:
  virtual ~ExecerContext() = default;
  virtual absl::StatusOr<std::shared_ptr<Result>> ExecContext(
      const sim::Context& ctx, const std::string& query, const std::vector<NamedValue>& args) = 0;
};

class QueryerContext {
 public:
  virtual ~QueryerContext() = default;
  virtual absl::StatusOr<std::shared_ptr<Rows>> QueryContext(
      const sim::Context& ctx, const std::string& query, const std::vector<NamedValue>& args) = 0;
};

class Pinger {
 public:
  virtual ~Pinger() = default;
  virtual absl::Status Ping(const sim::Context& ctx) = 0;
};

class SessionResetter {
 public:
  virtual ~SessionResetter() = default;
  virtual absl::Status ResetSession(const sim::Context& ctx) = 0;
};

// Added by the #31480 fix (971f8a2, the sync-reset pool).
class ConnectionValidator {
 public:
  virtual ~ConnectionValidator() = default;
  virtual bool ValidConnection() = 0;
};

class Driver {
 public:
  virtual ~Driver() = default;
  virtual absl::StatusOr<std::shared_ptr<Conn>> Open(const std::string& name) = 0;
};

class Connector {
 public:
  virtual ~Connector() = default;
  virtual absl::StatusOr<std::shared_ptr<Conn>> Connect(const sim::Context& ctx) = 0;
  virtual std::shared_ptr<Driver> GetDriver() = 0;  // Go: Driver()
};

}  // namespace model::driver
