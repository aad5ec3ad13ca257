// Shows I2 (live driver conns never exceed maxOpen) failing on a mutant pool (mutant build).
// The same program passes on the shipped pool (mutant_controls_test.cc).
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectCaught;

// I2: with kIgnoreMaxOpen three concurrent slow Execs open three conns under maxOpen 1;
// some schedule overlaps them, and the check at the second Open fires.
TEST(I2Limit, CatchesOpeningBeyondMaxOpen) {
  ExpectCaught(testing::Contended(Mutation::kIgnoreMaxOpen, 3), InvariantId::kI2, 10);
}

}  // namespace
}  // namespace properties
