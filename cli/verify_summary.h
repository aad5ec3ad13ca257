// What one `poolcheck verify` asked for and found, as plain data, and its --json document
// (schema in cli/JSON.md), kept apart from the command so the writer is testable from a
// hand-built value.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "explore/verify.h"

namespace cli {

struct VerifyOutcome {
  std::string scenario;
  std::string pool;                            // the version's name, e.g. "sync-reset"
  std::map<std::string, std::string> params;   // resolved
  std::optional<uint64_t> preemption_bound;    // nullopt: unbounded
  std::optional<uint64_t> max_executions;      // --runs
  double time_budget_s = 0;                    // --time (0: none)
  explore::VerifyVerdict verdict = explore::VerifyVerdict::kBudgetExhausted;
  uint64_t executions = 0;
  uint64_t sleep_blocked = 0;
  double estimated_remaining = 0;
  double elapsed_s = 0;
  std::string strategy;                        // e.g. "dpor:preemptions=2"
  std::string build;                           // explore::SourceId()
  // A counterexample: its invariant, message, token and token file ("" if not written).
  std::string failure_id, failure_message, failure_token, failure_file;
};

// "verified", "counterexample" or "budget_exhausted".
const char* VerdictName(explore::VerifyVerdict verdict);

// The verify --json schema version (cli/JSON.md).
inline constexpr int kVerifySchemaVersion = 1;

// The --json document (one object, ending in a newline).
std::string FormatVerifyJson(const VerifyOutcome& outcome);

}  // namespace cli
