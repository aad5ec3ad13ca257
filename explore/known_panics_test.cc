// Known bugs that are panics (properties/known_bugs.h, KnownBugShape::kPanic): a run that
// panics as an allowed known panic does (its message, raised in its source file, on a
// version that has it) passes, attributed to that bug (RunReport::known_bug_end kPanic);
// without the allowance the same run fails as a panic; a different panic (another
// message, another site) is never attributed, whatever is allowed. Shown on small
// programs that reach each panic under the default sweep, on the two fuzz findings'
// tokens (replayed with and without the allowance), on the async-reset pool's own
// "send on closed channel" in putConn (same message, another site), and on crafted
// (location, message) pairs.
#include <string>

#include "absl/strings/match.h"
#include "explore/runner.h"
#include "explore/sweep.h"
#include "gtest/gtest.h"
#include "model/fakedb/fault_plan.h"
#include "properties/known_bugs.h"
#include "scenarios/ops.h"
#include "sim/sweep.h"
#include "sim/token.h"

namespace explore {
namespace {

using model::sql::PoolVersion;
using properties::KnownBugAllowances;
namespace ops = scenarios::ops;

KnownBugAllowances AllBut(bool KnownBugAllowances::*field) {
  KnownBugAllowances allow = KnownBugAllowances::AllKnownBugs();
  allow.*field = false;
  return allow;
}

sim::SweepPlan Plan(uint64_t runs_per_strategy) {
  sim::SweepPlan plan;
  plan.runs_per_strategy = runs_per_strategy;
  return plan;
}

// Sweeps `workload` looking past `allow`; counts the runs that ended in each known bug.
struct Outcome {
  SweepSummary sweep;
  uint64_t panics_attributed = 0;
  std::string attributed_to;  // the bug of the last attributed run
};

Outcome SweepWith(scenarios::Workload workload, KnownBugAllowances allow, uint64_t runs) {
  Outcome out;
  const Target target = WorkloadTarget(workload, properties::InvariantSet::All(), allow);
  const sim::SweepPlan plan = Plan(runs);
  const absl::Status swept = sim::RunSweep(plan, [&](const sim::SweepRun& run) {
    absl::StatusOr<RunReport> r = RunTarget(target, run.strategy, plan.exploration_seed,
                                            sim::RunStart(run.run_seed, run.run_index));
    EXPECT_TRUE(r.ok()) << r.status();
    if (!r.ok()) return sim::SweepNext::kStop;
    ++out.sweep.runs;
    if (r->known_bug_end == KnownBugEnd::kPanic) {
      ++out.panics_attributed;
      out.attributed_to = r->known_bug_consequence;
      EXPECT_TRUE(absl::StartsWith(r->result.message, "panic attributed to allowed known bug "))
          << r->result.message;
    }
    if (r->result.failed()) {
      ++out.sweep.failures[r->result.failure.Name()];
      if (!out.sweep.first_failure) out.sweep.first_failure = *std::move(r);
    }
    return sim::SweepNext::kContinue;
  });
  EXPECT_TRUE(swept.ok()) << swept;
  return out;
}

// lifetime-after-close-panics: client 0 holds a conn 10ms; client 1, at 1ms, sets a 1h
// lifetime (a cleaner starts: a conn is open), closes the DB and lowers the lifetime to
// 1m. Close closed cleanerCh; unless the cleaner runs in between (and sets it nil), the
// lowering sends on it and panics.
scenarios::Workload LifetimeAfterClose() {
  scenarios::Workload w;
  w.clients = {
      {sim::Duration::Zero(), {ops::Conn({ops::Sleep(sim::Duration::Milliseconds(10))})}},
      {sim::Duration::Milliseconds(1),
       {ops::SetConnMaxLifetime(sim::Duration::Seconds(3600)), ops::CloseDB(),
        ops::SetConnMaxLifetime(sim::Duration::Seconds(60))}},
  };
  return w;
}

TEST(KnownPanics, LifetimeAfterClosePanicsIsTheKnownBugOnlyWhenAllowed) {
  // Shows the sweep, looking past the cleaner the runs that do not panic leave
  // (cleaner-started-after-close), fails with this panic in some runs and with nothing
  // else; with every known bug but this one allowed it fails the same way; with this one
  // allowed too no run fails and the panicking runs are attributed to it.
  KnownBugAllowances cleaner;
  cleaner.cleaner_started_after_close = true;
  const Outcome strict = SweepWith(LifetimeAfterClose(), cleaner, 10);
  ASSERT_GT(strict.sweep.count("panic"), 0u) << strict.sweep.Summary();
  EXPECT_EQ(strict.sweep.count("panic"), strict.sweep.failed_runs()) << strict.sweep.Summary();
  EXPECT_EQ(strict.sweep.first_failure->result.message, "send on closed channel");
  EXPECT_EQ(strict.panics_attributed, 0u);

  const Outcome others = SweepWith(
      LifetimeAfterClose(), AllBut(&KnownBugAllowances::lifetime_after_close_panics), 10);
  EXPECT_EQ(others.sweep.count("panic"), strict.sweep.count("panic")) << others.sweep.Summary();
  EXPECT_EQ(others.panics_attributed, 0u);

  KnownBugAllowances both = cleaner;
  both.lifetime_after_close_panics = true;
  const Outcome allowed = SweepWith(LifetimeAfterClose(), both, 10);
  EXPECT_EQ(allowed.sweep.failed_runs(), 0u) << allowed.sweep.Summary();
  EXPECT_EQ(allowed.panics_attributed, strict.sweep.count("panic"));
  EXPECT_EQ(allowed.attributed_to, "lifetime-after-close-panics");
}

// A different panic with the same message: async-reset's putConn sends on resetterCh
// after DB.Close's connectionResetter closed it (model/sql/close_race_test.cc). maxOpen 1:
// client 0 holds the conn 1ms, client 1 waits for it, client 2 closes the DB at 1ms.
scenarios::Workload ResetterSendAfterClose() {
  scenarios::Workload w;
  w.pool.version = PoolVersion::kAsyncReset;
  w.pool.max_open = 1;
  w.clients = {
      {sim::Duration::Zero(), {ops::Conn({ops::Sleep(sim::Duration::Milliseconds(1))})}},
      {sim::Duration::Microseconds(500), {ops::Exec()}},
      {sim::Duration::Milliseconds(1), {ops::CloseDB()}},
  };
  return w;
}

TEST(KnownPanics, ASendOnClosedChannelElsewhereIsNeverAttributed) {
  // Shows async-reset's putConn panic ("send on closed channel", raised in
  // model/sql/db_conn.cc) stays a failure with every known bug allowed: the message is
  // lifetime-after-close-panics', the site is not.
  const Outcome all = SweepWith(ResetterSendAfterClose(), KnownBugAllowances::AllKnownBugs(), 25);
  ASSERT_GT(all.sweep.count("panic"), 0u) << all.sweep.Summary();
  EXPECT_EQ(all.panics_attributed, 0u);
  const RunReport& first = *all.sweep.first_failure;
  EXPECT_EQ(first.result.message, "send on closed channel");
  EXPECT_TRUE(absl::StartsWith(first.result.location, "model/sql/db_conn.cc:"))
      << first.result.location;
}

// conn-grab-after-close-panics: a Conn op's next use passes grabConn's done check while
// its Rows, cancelled by their context, close the Conn (the driver's Rows.Close answers
// ErrBadConn). The fuzz token of seed 1 case 878989 (scenarios/FINDINGS.md, 11).
constexpr const char kConnGrabToken[] =
    "pc1.BwVhbGxvd6MBdHgtc3RtdC1hZnRlci1jYW5jZWwtcm9sbGJhY2ssbGFzdC1yZXRyeS13YWl0cy1iZXNpZGUtaWRs"
    "ZSxleHBpcmVkLWhhbmRvZmYtYmFkLWNvbm4sdHgtc3RtdC1jbG9zZWQtdW5kZXItcm93cyxjbGVhbmVyLXN0YXJ0ZWQt"
    "YWZ0ZXItY2xvc2UsY29ubi1jbG9zZS1kcm9wcy1iYWQtY29ubgVidWlsZBJlYzYzOGNhY2I0ZDMtZGlydHkEcG9vbApz"
    "eW5jLXJlc2V0A3J1bgY4Nzg5ODkIc2NlbmFyaW8Id29ya2xvYWQEc2VlZAExCHdvcmtsb2FkjgJ3MiBzeW5jLXJlc2V0"
    "IDIgMiAyMDAwMDAwMCAzMDAwMDAwIDUwIG5vbmUgMSAwIDEwMDAwMDAgMTAwMDAwMCA0IDQ5MTUyIDEgMCAwIDEgNjQg"
    "MCAxIDAgMCAwIDAgMCAxIDAgMSAwIDIgMSA1MzQ1NGM0NTQzNTQgLTEgMCAxIDAgMCAwIDAgMCAwIDAgNSA0ZTRmNGY1"
    "MCAtMSAwIDEgMCA1MDAwMDAwMCAzMDAwMDAgMCAwIDAgMiAxIDUzNDU0YzQ1NDM1NCAwIDAgMSAwIDAgMzAwMDAwIDIw"
    "MDAwMDAgMCAxIDAgNCA0ZTRmNGY1MCAtMSAwIDEgMSA1MDAwMDAwMCAwIDAgMCAwIDAScmFuZG9tOmFkdmFuY2U9MC4x"
    "9KPo0r_N4OlogAHYZFmi-qKl8QEtAQwRACECFiAIIQIGIBghAgYgKCEDJiA4IRg2IFgxAGggSCEFBiBAeFEAiAEhBWEC"
    "JmCoAZgBYQAhAmEAIGEPIA.cac84ea6";

// The same bug in a small program: a Conn's Query leaves its Rows open; the Query op's
// end cancels its context (CancelAfter gives it one), so Rows.awaitDone closes them at
// once; the driver's Rows.Close takes 1ms and answers ErrBadConn, so at 1ms the Conn
// closes itself just as the client, back from a 1ms sleep, pings it three times.
scenarios::Workload PingWhileRowsCloseTheConn() {
  using model::fakedb::CallKind;
  using model::fakedb::FaultRule;
  scenarios::Workload w;
  w.pool.max_open = 1;
  w.driver.faults.Add(FaultRule::Always(CallKind::kRowsClose).Delays(sim::Duration::Milliseconds(1)));
  w.driver.faults.Add(FaultRule::Always(CallKind::kRowsClose));
  w.clients = {{sim::Duration::Zero(),
                {ops::Conn({ops::LeftOpen(ops::CancelAfter(ops::Query("SELECT", 0),
                                                           sim::Duration::Microseconds(300))),
                            ops::Sleep(sim::Duration::Milliseconds(1)), ops::Ping(),
                            ops::Ping(), ops::Ping()})}}};
  return w;
}

TEST(KnownPanics, ConnGrabAfterClosePanicsIsTheKnownBugOnlyWhenAllowed) {
  // Shows the program panics in conn.cc in some runs of the sweep with every other known
  // bug allowed, and with this one allowed too no run fails and those runs are attributed.
  const Outcome others = SweepWith(
      PingWhileRowsCloseTheConn(), AllBut(&KnownBugAllowances::conn_grab_after_close_panics), 25);
  ASSERT_GT(others.sweep.count("panic"), 0u) << others.sweep.Summary();
  EXPECT_EQ(others.sweep.count("panic"), others.sweep.failed_runs()) << others.sweep.Summary();
  EXPECT_TRUE(absl::StartsWith(others.sweep.first_failure->result.location, "model/sql/conn.cc:"));
  EXPECT_EQ(others.panics_attributed, 0u);

  const Outcome all =
      SweepWith(PingWhileRowsCloseTheConn(), KnownBugAllowances::AllKnownBugs(), 25);
  EXPECT_EQ(all.sweep.failed_runs(), 0u) << all.sweep.Summary();
  EXPECT_EQ(all.panics_attributed, others.sweep.count("panic"));
  EXPECT_EQ(all.attributed_to, "conn-grab-after-close-panics");
}

// Replays `token` judged with `allow` (the token's own allowance replaced).
RunReport ReplayAllowing(const std::string& token_text, const KnownBugAllowances& allow) {
  absl::StatusOr<sim::ReplayToken> token = sim::DecodeToken(token_text);
  EXPECT_TRUE(token.ok()) << token.status();
  if (!token.ok()) return {};
  token->meta.erase("allow");
  const std::string names = properties::KnownBugNames(allow);
  if (!names.empty()) token->meta["allow"] = names;
  absl::StatusOr<RunReport> r = Replay(*token, false);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : RunReport{};
}

TEST(KnownPanics, TheFuzzNilDereferenceIsTheKnownBugOnlyWhenAllowed) {
  // Shows the fuzz finding's run (nil dereference raised in model/sql/conn.cc) fails as a
  // panic with every other known bug allowed, and with all allowed is the same run
  // (replay checks steps and fingerprint) passing, attributed to conn-grab-after-close-panics.
  const RunReport others =
      ReplayAllowing(kConnGrabToken, AllBut(&KnownBugAllowances::conn_grab_after_close_panics));
  EXPECT_EQ(others.result.failure.Name(), "panic") << others.result.message;
  EXPECT_TRUE(absl::StartsWith(others.result.location, "model/sql/conn.cc:"));
  EXPECT_EQ(others.known_bug_end, KnownBugEnd::kNone);

  const RunReport all = ReplayAllowing(kConnGrabToken, KnownBugAllowances::AllKnownBugs());
  EXPECT_FALSE(all.result.failed()) << all.result.failure.Name() << ": " << all.result.message;
  EXPECT_EQ(all.known_bug_end, KnownBugEnd::kPanic);
  EXPECT_EQ(all.known_bug_consequence, "conn-grab-after-close-panics");
  EXPECT_NE(all.result.message.find("sql.Conn used after a concurrent Close"), std::string::npos)
      << all.result.message;
}

TEST(KnownPanics, AttributionNeedsTheMessageTheSiteTheVersionAndTheAllowance) {
  // Shows crafted panics: each known panic is named only for its own message raised in its
  // own file (not a file whose name merely starts the same, not a location without a
  // line), on sync-reset and go1.19 alike (every version has both), and only when allowed;
  // an unknown panic never is; every panic row has a message and a site.
  const KnownBugAllowances all = KnownBugAllowances::AllKnownBugs();
  const auto named = [&](const char* location, const char* message,
                         const KnownBugAllowances& allow = KnownBugAllowances::AllKnownBugs()) {
    return properties::AllowedKnownPanic(allow, location, message, PoolVersion::kSyncReset);
  };
  EXPECT_EQ(named("model/sql/db_settings.cc:51", "send on closed channel"),
            "lifetime-after-close-panics");
  EXPECT_EQ(named("model/sql/conn.cc:19",
                  "runtime error: invalid memory address or nil pointer dereference (sql.Conn "
                  "used after a concurrent Close)"),
            "conn-grab-after-close-panics");
  EXPECT_EQ(named("model/sql/db_conn.cc:180", "send on closed channel"), "");
  EXPECT_EQ(named("model/sql/db_settings.cc:51", "close of closed channel"), "");
  EXPECT_EQ(named("model/sql/conn.cc:19", "send on closed channel"), "");
  EXPECT_EQ(named("model/sql/conn.cc.orig:19", "sql.Conn used after a concurrent Close"), "");
  EXPECT_EQ(named("model/sql/db_settings.cc", "send on closed channel"), "");
  EXPECT_EQ(named("model/sql/db_settings.cc:51", "send on closed channel",
                  AllBut(&KnownBugAllowances::lifetime_after_close_panics)),
            "");
  EXPECT_EQ(named("model/sql/db_settings.cc:51", "send on closed channel", {}), "");
  EXPECT_EQ(properties::AllowedKnownPanic(all, "model/sql/db_settings.cc:51",
                                          "send on closed channel", PoolVersion::kGo119),
            "lifetime-after-close-panics");
  // Every panic row names the message and the file it keys on (an empty one would match
  // any panic).
  for (const properties::KnownBugInfo& bug : properties::ListKnownBugs()) {
    if (bug.shape != properties::KnownBugShape::kPanic) continue;
    EXPECT_FALSE(bug.message_mark.empty()) << bug.name;
    EXPECT_TRUE(absl::EndsWith(bug.panic_site, ".cc")) << bug.name << ": " << bug.panic_site;
    EXPECT_EQ(properties::KnownBugFailureId(bug), "panic");
  }
  // The failure report's hint names the same bugs by failure id "panic".
  EXPECT_EQ(properties::KnownBugsOfFailure("panic", "model/sql/db_settings.cc:51",
                                           "send on closed channel", PoolVersion::kSyncReset)
                .size(),
            1u);
  EXPECT_TRUE(properties::KnownBugsOfFailure("I4", "model/sql/db_settings.cc:51",
                                             "send on closed channel", PoolVersion::kSyncReset)
                  .empty());
}

}  // namespace
}  // namespace explore
