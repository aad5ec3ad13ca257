// Built into every test binary that links the pool (poolcheck_test POOL, see
// cmake/PoolcheckTests.cmake): a suite that claims the shipped pool passes must link the
// production build, and a suite that shows mutants failing must link the mutant build.
// The suite name is per binary so CTest names stay unique.
#include "gtest/gtest.h"
#include "model/sql/mutation.h"

#ifndef POOLCHECK_WANTS_MUTANTS
#error "pool_build_check.cc is added by poolcheck_test(... POOL production|mutants)"
#endif

TEST(POOLCHECK_BUILD_CHECK_SUITE, LinksThePoolBuildItDeclares) {
  // Shows this binary links the pool build its CMake target declares: fails in a
  // production test binary if the mutant-compiled pool (or its POOLCHECK_MUTATIONS
  // define) leaked in, and in a mutant binary if the production pool did. Asks both the
  // linked library and this file's compilation.
  constexpr bool kWantsMutants = POOLCHECK_WANTS_MUTANTS != 0;
  EXPECT_EQ(model::sql::PoolLibraryHonoursMutations(), kWantsMutants)
      << "the linked pool library is the wrong build";
  EXPECT_EQ(model::sql::kMutationsCompiled, kWantsMutants)
      << "POOLCHECK_MUTATIONS is defined wrongly for this binary";
}
