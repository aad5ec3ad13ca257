// Deliberately broken variants of the pool, for tests only: each invariant checker must be
// shown failing on a real bug before it counts (shared/notes/invariants.md). A mutation is
// chosen per DB (DBOptions::mutation) and takes effect only in the poolcheck_model_mutants
// build, where POOLCHECK_MUTATIONS is defined; in the production build MUTANT(x) is the
// constant false and every mutant branch is dead code the compiler drops.
//
// A class with mutation points defines `Mutation MutationInScope() const`, which MUTANT()
// calls unqualified, so each point reads as `if (MUTANT(kDropWaiterWakeup)) ...`.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace model::sql {

enum class Mutation : uint8_t {
  kNone,
  // putConn ignores a bad-connection verdict (the caller's ErrBadConn or the validator's
  // "invalid"): the conn goes back to the pool and is reset on its next use, so the driver
  // gets a ResetSession on a conn it already failed (breaks I5). Both versions.
  kSkipNeedReset,
  // A failed open (openNewConnection, or conn() opening directly) does not give back its
  // numOpen reservation (breaks I1, and I3 once numOpen reaches maxOpen).
  kForgetNumOpenDecrement,
  // putConnDBLocked never hands a conn to a waiter in connRequests; it goes to the free
  // list instead while the waiter keeps waiting (breaks I3).
  kDropWaiterWakeup,
  // putConnDBLocked appends a returned conn to freeConn twice (breaks I9).
  kDoubleRelease,
  // conn() opens a new conn even when numOpen >= maxOpen (breaks I2).
  kIgnoreMaxOpen,
  // connectionOpener does not watch the DB's context, so it outlives DB.Close (breaks I4).
  kLeakOpener,
  // Tx.awaitDone does not roll back when the transaction's context is cancelled (breaks I11).
  kNoTxRollbackOnCancel,
  // Tx.rollback calls the driver's Rollback without holding the conn's lock, so it can run
  // inside another driver call on the same conn (breaks I7).
  kUnlockedDriverCall,
  // Rows.nextLocked does not check whether the Rows are closed (as awaitDone closes them
  // when the query's context ends), so the caller's next Rows.Next reaches the driver's
  // rows after their Close (breaks I8).
  kNextAfterRowsClose,
  // putConnDBLocked writes through a null pointer when it hands a conn to a waiter: the
  // pool crashes (SIGSEGV) instead of breaking an invariant. Shows that a crashing pool is
  // a `crash` failure of that run with a token, not a dead harness.
  kCrashOnHandoff,
  // Stmt.connStmt reuses the first driver statement the DB-level Stmt has, whatever conn
  // it was prepared on, instead of the one on the conn it just got (breaks I12).
  kStmtOnOtherConn,
  // putConnDBLocked keeps a released conn (pooled or handed to a waiter) although numOpen
  // is above a lowered maxOpen, instead of closing it (breaks I2).
  kPoolAboveMaxOpen,
  // conn() checks the caller's context a second time after taking a free conn and, if it
  // ended since the first check, returns the context's error without giving the conn
  // back: the conn stays in use for good (breaks I4). With an instant driver the context
  // can end there only if its deadline passes mid-operation: found only by strategies
  // that play time as an adversary (issue 9 section 2).
  kLeakConnOnLateDeadline,
};

inline constexpr Mutation kAllMutations[] = {
    Mutation::kNone,          Mutation::kSkipNeedReset,        Mutation::kForgetNumOpenDecrement,
    Mutation::kDropWaiterWakeup, Mutation::kDoubleRelease,     Mutation::kIgnoreMaxOpen,
    Mutation::kLeakOpener,    Mutation::kNoTxRollbackOnCancel, Mutation::kUnlockedDriverCall,
    Mutation::kNextAfterRowsClose,
    Mutation::kCrashOnHandoff,   Mutation::kStmtOnOtherConn,      Mutation::kPoolAboveMaxOpen,
    Mutation::kLeakConnOnLateDeadline,
};

// "none", "skip-need-reset", ... as used on the command line and in replay tokens.
std::string_view MutationName(Mutation m);
std::optional<Mutation> ParseMutation(std::string_view name);

// Whether this build honours mutations (the poolcheck_model_mutants library).
#ifdef POOLCHECK_MUTATIONS
inline constexpr bool kMutationsCompiled = true;
#define MUTANT(m) (MutationInScope() == ::model::sql::Mutation::m)
#else
inline constexpr bool kMutationsCompiled = false;
#define MUTANT(m) false
#endif

// kMutationsCompiled as the pool library linked into this binary was compiled: tests use it
// to check that a binary links the pool build it claims to test (the header constant alone
// says only how the caller was compiled).
bool PoolLibraryHonoursMutations();

}  // namespace model::sql
