// POOLCHECK_CHECK: an assertion that stays on in every build type. The harness's own
// invariants (the scheduler's candidate list, its clock, a checker's bookkeeping) must hold
// in the Release builds that explorations run, where `assert` compiles to nothing; a broken
// one means poolcheck itself is wrong, so it stops the process with file:line instead of
// producing a report nobody can trust.
//
//   POOLCHECK_CHECK(steps <= max, "step counter ran past the budget");
//
// The condition is evaluated exactly once; the message (a string literal) only on failure.
// The failing path is out of line, so a check on a hot path costs one predicted branch.
#pragma once

namespace sim::internal {

// Prints "poolcheck: check failed at FILE:LINE: CONDITION: MESSAGE" to stderr and aborts.
[[noreturn, gnu::cold, gnu::noinline]] void CheckFailed(const char* file, int line,
                                                       const char* condition,
                                                       const char* message);

}  // namespace sim::internal

#define POOLCHECK_CHECK(condition, message)                                              \
  do {                                                                                   \
    if (!(condition)) [[unlikely]] {                                                     \
      ::sim::internal::CheckFailed(__FILE__, __LINE__, #condition, message);             \
    }                                                                                    \
  } while (false)
