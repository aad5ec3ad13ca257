// Tests of the failure report: its exact format on a hand-built failing run, the choice of
// goroutines it shows, and the replay command it prints.
#include "cli/report.h"

#include "cli/testing/sample_trace.h"
#include "gtest/gtest.h"
#include "sim/token.h"

namespace cli {
namespace {

// A run of three goroutines in which client 0 (g1) raises I6 after waking client 1 (g2).
explore::RunReport FailingRun() {
  explore::RunReport r;
  r.target.scenario = "issue31480";
  r.target.pool = model::sql::PoolVersion::kAsyncReset;
  r.target.params = {{"clients", "3"}, {"capacity", "1"}};
  r.strategy = "pct:depth=3";
  r.exploration_seed = 7;
  r.run_index = 42;
  sim::RunResult& res = r.result;
  res.failure = sim::FailureId::Check("I6");
  res.message = "a healthy conn (conn#2) was discarded by goroutine 1\n"
                "expected: it goes back to the free list";
  res.location = "model/sql/db_conn.cc:10";
  res.steps = 7;
  res.goroutines = {{0, "main", sim::GoroutineState::kBlocked, "sync.WaitGroup.Wait", "w.cc:9"},
                    {1, "client 0", sim::GoroutineState::kRunning, "", "x.cc:20"},
                    {2, "client 1", sim::GoroutineState::kRunnable, "", "x.cc:5"}};
  res.trace = testing::SampleTrace();
  r.token.meta = {{"scenario", "issue31480"}, {"pool", "async-reset"}};
  r.token.strategy = r.strategy;
  r.token.has_choices = true;
  r.token.choices = {{sim::ChoiceKind::kSchedule, 0}, {sim::ChoiceKind::kSchedule, 1}};
  return r;
}

TEST(FailureReport, HasTheDocumentedFormat) {
  // Shows the whole report, byte for byte, for a hand-built failing run (the sample trace):
  // the FAIL line with the step the failure event carries, the message indented, where it
  // was raised, the params, the last events of the goroutines involved (raiser first, then the goroutine it
  // woke, then the one left blocked), the token and the replay command.
  const explore::RunReport run = FailingRun();
  const std::string token = sim::EncodeToken(run.token);
  const std::string expected =
      "FAIL I6 issue31480 pool=async-reset strategy=pct:depth=3 seed=7 run=42 step=6\n"
      "  a healthy conn (conn#2) was discarded by goroutine 1\n"
      "  expected: it goes back to the free list\n"
      "  raised at model/sql/db_conn.cc:10\n"
      "  params: capacity=1 clients=3\n"
      "\n"
      "last events of the goroutines involved:\n"
      "  g1 client 0 [running at x.cc:20]\n"
      "             1  +0s         spawn client 0 at w.cc:3\n"
      "             2  +0s         pool: conn#2 -> resetterCh full\n"
      "             6  +1ms        driver: Close conn#2 -> ok\n"
      "  g2 client 1 [runnable at x.cc:5]\n"
      "             1  +0s         spawn client 1 at w.cc:4\n"
      "             3  +0s         block chan receive at x.cc:5\n"
      "             5  +1ms        wake (woken by goroutine 1)\n"
      "  g0 main [blocked: sync.WaitGroup.Wait at w.cc:9]\n"
      "             0  +0s         spawn main at main.cc:1\n"
      "\n"
      "token: " + token + "\n"
      "replay: poolcheck replay " + token + "\n";
  EXPECT_EQ(FormatFailureReport(run, token), expected);
}

TEST(FailureReport, LimitsGoroutinesAndEventsAndSaysWhenThereIsNoTrace) {
  // Shows the limits cut the section (one goroutine, one event: its latest) and a run
  // without a trace says so instead of printing nothing.
  explore::RunReport run = FailingRun();
  const std::string limited = FormatFailureReport(run, "f.token", ReportLimits{1, 1});
  EXPECT_NE(limited.find("  g1 client 0 [running at x.cc:20]\n"
                         "             6  +1ms        driver: Close conn#2 -> ok\n\ntoken: "),
            std::string::npos)
      << limited;
  EXPECT_EQ(limited.find("g2 client 1"), std::string::npos);
  EXPECT_NE(limited.find("replay: poolcheck replay f.token\n"), std::string::npos);
  run.result.trace = {};
  EXPECT_NE(FormatFailureReport(run, "x").find("(no trace recorded)"), std::string::npos);
}

TEST(ReplayCommand, QuotesOnlyWhatTheShellWouldSplit) {
  // Shows tokens and plain paths are printed as they are, and a path with a space or a
  // quote is single-quoted so the command can be pasted as printed.
  EXPECT_EQ(ReplayCommand("pc1.AbC-_x.0badf00d"), "poolcheck replay pc1.AbC-_x.0badf00d");
  EXPECT_EQ(ReplayCommand("/tmp/fail.token"), "poolcheck replay /tmp/fail.token");
  EXPECT_EQ(ReplayCommand("my file"), "poolcheck replay 'my file'");
  EXPECT_EQ(ReplayCommand("it's"), "poolcheck replay 'it'\\''s'");
}

TEST(PassLine, NamesTheRunAndItsSteps) {
  // Shows the one-line summary of a run that did not fail.
  explore::RunReport run = FailingRun();
  run.result.failure = {};
  EXPECT_EQ(PassLine(run),
            "PASS issue31480 pool=async-reset strategy=pct:depth=3 seed=7 run=42 steps=7");
}

}  // namespace
}  // namespace cli
