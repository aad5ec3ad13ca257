// The fake driver's misuse checks, as in Go's fakedb: two goroutines inside one conn (or
// its stmts, rows, tx) at once, a call after Close, Close twice, Close with open statements
// or an open tx. Each returns the violation in plain words (naming conn, call and
// goroutines) or nothing; the driver decides whether that fails the run.
#pragma once

#include <optional>
#include <string>

#include "model/fakedb/call_log.h"

namespace model::fakedb {

// `call` is about to start (not yet in `log`). `object_closed`: the stmt, rows or tx it is
// on was already closed or ended before this call.
std::optional<std::string> LifecycleViolation(const CallLog& log, const DriverCall& call,
                                              bool object_closed);

// Another call is inside call.conn right now.
std::optional<std::string> ExclusiveUseViolation(const CallLog& log, const DriverCall& call);

}  // namespace model::fakedb
