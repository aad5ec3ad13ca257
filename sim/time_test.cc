// Tests of Duration and Instant rendering, which follows Go's time.Duration.String.
#include "sim/time.h"

#include <gtest/gtest.h>

namespace sim {
namespace {

TEST(DurationTest, ToStringMatchesGo) {
  // Shows each magnitude renders as Go renders it (values taken from Go's own examples).
  EXPECT_EQ(Duration::Zero().ToString(), "0s");
  EXPECT_EQ(Duration::Nanoseconds(1).ToString(), "1ns");
  EXPECT_EQ(Duration::Nanoseconds(250).ToString(), "250ns");
  EXPECT_EQ(Duration::Nanoseconds(1100).ToString(), "1.1\u00b5s");
  EXPECT_EQ(Duration::Microseconds(2).ToString(), "2\u00b5s");
  EXPECT_EQ(Duration::Milliseconds(10).ToString(), "10ms");
  EXPECT_EQ(Duration::Microseconds(2200).ToString(), "2.2ms");
  EXPECT_EQ(Duration::Milliseconds(1500).ToString(), "1.5s");
  EXPECT_EQ(Duration::Seconds(1).ToString(), "1s");
  EXPECT_EQ(Duration::Seconds(63).ToString(), "1m3s");
  EXPECT_EQ(Duration::Seconds(3600).ToString(), "1h0m0s");
  EXPECT_EQ((Duration::Seconds(3723) + Duration::Milliseconds(500)).ToString(), "1h2m3.5s");
  EXPECT_EQ((Duration::Seconds(1) + Duration::Nanoseconds(1)).ToString(), "1.000000001s");
  EXPECT_EQ(Duration::Milliseconds(-1500).ToString(), "-1.5s");
}

TEST(InstantTest, ToStringIsOffsetFromEpoch) {
  // Shows instants render as the time since the run's epoch.
  EXPECT_EQ(Instant::Epoch().ToString(), "+0s");
  EXPECT_EQ(Instant::Epoch().Add(Duration::Milliseconds(1250)).ToString(), "+1.25s");
  EXPECT_EQ(Instant::Epoch().Add(Duration::Seconds(-2)).ToString(), "-2s");
  EXPECT_EQ(Instant().ToString(), "(zero instant)");
  EXPECT_TRUE(Instant().Before(Instant::Epoch()));
}

}  // namespace
}  // namespace sim
