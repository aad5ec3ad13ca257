// Names of the pool's test mutations (see mutation.h).
#include "model/sql/mutation.h"

namespace model::sql {

std::string_view MutationName(Mutation m) {
  switch (m) {
    case Mutation::kNone: return "none";
    case Mutation::kSkipNeedReset: return "skip-need-reset";
    case Mutation::kForgetNumOpenDecrement: return "forget-num-open-decrement";
    case Mutation::kDropWaiterWakeup: return "drop-waiter-wakeup";
    case Mutation::kDoubleRelease: return "double-release";
    case Mutation::kIgnoreMaxOpen: return "ignore-max-open";
    case Mutation::kLeakOpener: return "leak-opener";
    case Mutation::kNoTxRollbackOnCancel: return "no-tx-rollback-on-cancel";
    case Mutation::kUnlockedDriverCall: return "unlocked-driver-call";
    case Mutation::kNextAfterRowsClose: return "next-after-rows-close";
    case Mutation::kCrashOnHandoff: return "crash-on-handoff";
    case Mutation::kStmtOnOtherConn: return "stmt-on-other-conn";
    case Mutation::kPoolAboveMaxOpen: return "pool-above-max-open";
    case Mutation::kLeakConnOnLateDeadline: return "leak-conn-on-late-deadline";
  }
  return "unknown";
}

std::optional<Mutation> ParseMutation(std::string_view name) {
  for (Mutation m : kAllMutations) {
    if (MutationName(m) == name) return m;
  }
  return std::nullopt;
}

bool PoolLibraryHonoursMutations() { return kMutationsCompiled; }

}  // namespace model::sql
