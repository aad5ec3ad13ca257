// Tests of the progress lines (cli/progress.h): on a terminal, the shard's total with a
// percentage and an ETA; in a log, go-test-fuzz-like "elapsed, execs, execs/s" lines at
// the chosen period and never a carriage return.
#include "cli/progress.h"

#include <sstream>
#include <thread>

#include "gtest/gtest.h"

namespace cli {
namespace {

TEST(Progress, TerminalLineHasPercentageAndEta) {
  // Shows 250 of 1,000 runs in 5 s reads 25% with 15 s to go, and a time-only budget
  // shows no total.
  EXPECT_EQ(ProgressLine::Format(250, 1000, 1, 240, 5.0),
            "250/1000 runs (25%, ETA 15s)  50 runs/s  1 failing  5.0s  240 distinct interleavings");
  EXPECT_EQ(ProgressLine::Format(30, 0, 0, 30, 3.0),
            "30 runs  10 runs/s  0 failing  3.0s  30 distinct interleavings");
}

TEST(Progress, LogLinesComeAtThePeriodWithoutCarriageReturns) {
  // Shows a non-terminal ProgressLine writes nothing before its period, then one full
  // line per period (never '\r'), and Finish writes nothing.
  std::ostringstream err;
  ProgressLine progress(err, /*terminal=*/false, 100, 0.05);
  progress.Update(1, 0, 1);
  EXPECT_EQ(err.str(), "");
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  progress.Update(40, 2, 39);
  progress.Update(41, 2, 40);  // within the period: no line
  progress.Finish();
  const std::string text = err.str();
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.rfind("explore: elapsed 0s, execs 40/100 (", 0), 0u) << text;
  EXPECT_NE(text.find("/s), failing 2, distinct 39\n"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
}

}  // namespace
}  // namespace cli
