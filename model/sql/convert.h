// Converting between caller values and driver values (Go's convert.go, in the subset the
// pool model needs): driverArgsConnLocked for query arguments, and convertAssign for Scan
// into int64, double, bool, string, []byte, time and driver.Value destinations.
#pragma once

#include <memory>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "sim/time.h"

namespace model::sql {

struct driverStmt;

// A destination of Scan: Go's dest ...interface{} restricted to these pointer types.
using ScanDest = std::variant<int64_t*, double*, bool*, std::string*, driver::Bytes*,
                              sim::Instant*, driver::Value*>;

// Go: driverArgsConnLocked. Numbers the arguments and, when ds is known, checks their
// count against the statement's NumInput. ds's conn must be locked.
absl::StatusOr<std::vector<driver::NamedValue>> driverArgsConnLocked(
    const driverStmt* ds, const std::vector<driver::Value>& args);

// Go: convertAssign. Copies src into *dest, converting where Go would; an error where the
// copy would lose information or the types do not fit.
absl::Status convertAssign(const ScanDest& dest, const driver::Value& src);

}  // namespace model::sql
