// Shows I2 (live driver conns never exceed maxOpen) failing on two mutant pools (mutant
// build): one opening beyond the limit, one pooling conns above a lowered limit.
// The same programs pass on the shipped pool (mutant_controls_test.cc).
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

// I2, lowered limit: with kPoolAboveMaxOpen putConnDBLocked pools a conn released while
// numOpen is above a lowered maxOpen instead of closing it. The check at Open would not
// see it (no conn is opened); the check of conns newly in the free list does.
TEST(I2Limit, CatchesPoolingAboveALoweredLimit) {
  const auto sweep = ExpectCaught(testing::LoweredWhileHeld(Mutation::kPoolAboveMaxOpen),
                                  InvariantId::kI2, 10);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("is put in the free list"),
            std::string::npos)
      << sweep.first_failure->result.message;
}

}  // namespace
}  // namespace properties
