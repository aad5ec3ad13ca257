// Tests of POOLCHECK_CHECK (sim/check.h): it aborts with file:line, the condition and the
// message in every build type, including the Release build tools/test.sh makes (where
// `assert` is compiled out, which the second test confirms for this binary), and a check
// that holds evaluates its condition once and does nothing else.
#include "sim/check.h"

#include <cassert>

#include "gtest/gtest.h"

namespace sim {
namespace {

TEST(CheckDeathTest, AFailedCheckAbortsWithFileLineConditionAndMessage) {
  // Shows a failing check stops the process with one stderr line naming this file, the
  // line, the condition text and the message, by running it in a death test.
  const int candidates = 3;
  EXPECT_DEATH(POOLCHECK_CHECK(candidates < 2, "too many candidates"),
               "poolcheck: check failed at .*check_test\\.cc:[0-9]+: candidates < 2: "
               "too many candidates");
}

TEST(CheckDeathTest, FiresWhereAssertIsCompiledOut) {
  // Shows the check stays on in a build without assertions: when this binary defines
  // NDEBUG (Release), an `assert(false)` is a no-op while POOLCHECK_CHECK(false) still
  // aborts. In a build with assertions both abort, which the death test also accepts.
  bool assert_ran = false;
#ifdef NDEBUG
  assert((assert_ran = true));
  EXPECT_FALSE(assert_ran) << "NDEBUG is defined, so assert must not evaluate";
#endif
  EXPECT_DEATH(POOLCHECK_CHECK(assert_ran, "still on"), "check failed at .*: still on");
}

TEST(Check, AHoldingCheckEvaluatesItsConditionOnce) {
  // Shows the condition runs exactly once (checks may wrap calls with effects) and a
  // holding check lets execution continue, by counting calls.
  int calls = 0;
  POOLCHECK_CHECK(++calls == 1, "first call");
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace sim
