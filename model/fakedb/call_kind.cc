// Names of the fake driver's call kinds, as they appear in logs, traces and fault plans.
#include "model/fakedb/call_kind.h"

#include "absl/strings/str_cat.h"

namespace model::fakedb {

absl::string_view CallKindName(CallKind kind) {
  static constexpr absl::string_view kNames[kCallKindCount] = {
      "Open",      "Prepare",    "Begin",      "Exec",   "Query",        "Rows.Next",
      "Rows.Close", "Stmt.Exec", "Stmt.Query", "Stmt.Close", "Commit",   "Rollback",
      "Ping",      "ResetSession", "ValidConnection", "Close",
  };
  return kNames[static_cast<int>(kind)];
}

std::string CallKindSet::ToString() const {
  if (*this == All()) return "any call";
  if (empty()) return "no call";
  std::string names;
  int count = 0;
  for (int i = 0; i < kCallKindCount; ++i) {
    const auto kind = static_cast<CallKind>(i);
    if (!Contains(kind)) continue;
    absl::StrAppend(&names, count == 0 ? "" : ",", CallKindName(kind));
    ++count;
  }
  return count == 1 ? names : absl::StrCat("{", names, "}");
}

}  // namespace model::fakedb
