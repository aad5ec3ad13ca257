// What a fake-driver call is: the kinds of driver calls the fake records and can fault,
// sets of them (for fault rules), and the id types that name connections. Shared by the
// fault plan, the call log and the driver objects.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include "absl/strings/string_view.h"

namespace model::fakedb {

// A driver connection's id: 1, 2, 3... in order of successful open.
using ConnId = uint32_t;
// In a fault rule: any connection. In the call log: a call not (yet) on a connection.
inline constexpr ConnId kAnyConn = 0;
inline constexpr ConnId kNoConn = 0;

// Every driver entry point the fake records. Conn-level Exec/Query are ExecerContext /
// QueryerContext; the Stmt* kinds are calls on a prepared statement.
enum class CallKind : uint8_t {
  kOpen,  // Driver.Open or Connector.Connect
  kPrepare,
  kBegin,
  kExec,
  kQuery,
  kRowsNext,
  kRowsClose,
  kStmtExec,
  kStmtQuery,
  kStmtClose,
  kCommit,
  kRollback,
  kPing,
  kResetSession,
  kValidConnection,
  kClose,  // Conn.Close
};
inline constexpr int kCallKindCount = 16;

// "Open", "Prepare", ..., "Rows.Next", "Stmt.Exec", ..., "Close".
absl::string_view CallKindName(CallKind kind);

// Conn.Close, Stmt.Close and Rows.Close.
constexpr bool IsCloseCall(CallKind kind) {
  return kind == CallKind::kClose || kind == CallKind::kStmtClose || kind == CallKind::kRowsClose;
}

// A set of call kinds. Implicitly built from one kind so a rule can say just kExec.
class CallKindSet {
 public:
  constexpr CallKindSet() = default;
  constexpr CallKindSet(CallKind kind) : bits_(Bit(kind)) {}  // NOLINT: implicit by design
  constexpr CallKindSet(std::initializer_list<CallKind> kinds) {
    for (CallKind k : kinds) bits_ |= Bit(k);
  }
  static constexpr CallKindSet All() {
    CallKindSet s;
    s.bits_ = (uint32_t{1} << kCallKindCount) - 1;
    return s;
  }

  constexpr bool Contains(CallKind kind) const { return (bits_ & Bit(kind)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr CallKindSet With(CallKind kind) const {
    CallKindSet s = *this;
    s.bits_ |= Bit(kind);
    return s;
  }
  constexpr bool operator==(const CallKindSet&) const = default;

  // "Exec", "{Exec,Stmt.Exec}", "any call", or "no call".
  std::string ToString() const;

 private:
  static constexpr uint32_t Bit(CallKind k) { return uint32_t{1} << static_cast<int>(k); }
  uint32_t bits_ = 0;
};

}  // namespace model::fakedb
