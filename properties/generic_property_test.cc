// The generic property: for any generated workload (pool config, driver faults, clients'
// op sequences with timeouts and cancellation; the one generator `poolcheck fuzz` runs,
// scenarios/workload_gen.h, driven by RapidCheck) and any schedule (strategy + seed),
// every invariant holds. Shown holding on the fixed pool (sync-reset) over many cases, and, without
// being told about golang/go#31480, finding a failure on async-reset with a small
// resetterCh and shrinking it (workload and schedule together) to a few clients, whose
// printed token replays to the same failure in-process and through the poolcheck binary.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/testing/run_binary.h"
#include "explore/runner.h"
#include "explore/shrink_workload.h"
#include "explore/sweep.h"
#include "gtest/gtest.h"
#include "properties/testing/property_check.h"
#include "sim/token.h"

namespace properties {
namespace {

using testing::CheckAllInvariants;
using testing::CheckOptions;
using testing::Judging;
using testing::PropertyCase;
using testing::RunCase;
using testing::ShowFailure;

// Cases per property: 1000, or POOLCHECK_PROPERTY_CASES for a longer soak.
int Cases() {
  const char* env = std::getenv("POOLCHECK_PROPERTY_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 1000;
}

// The run shown as a short program: its workload, what broke, then token and replay line.
std::string ShowRun(const explore::RunReport& r) {
  return r.workload_text + "\nfails: " + std::string(r.result.failure.Name()) + ": " +
         r.result.message + "\n" + explore::ReproductionLines(r);
}

// Expects the property to fail, RapidCheck's shrunk case to rerun to the same failure id,
// and the workload shrinker `poolcheck fuzz` uses (explore/shrink_workload.h: RapidCheck
// shrinks each draw of the generator, which cannot drop a client from the middle; this
// one can) to bring it to at most `max_clients` clients, keeping that failure id. Prints
// it and returns the shrunk run.
explore::RunReport ExpectShrunkFailure(const rc::detail::TestResult& result,
                                       const std::optional<PropertyCase>& failure,
                                       const Judging& judging, size_t max_clients) {
  rc::detail::FailureResult found;
  EXPECT_TRUE(result.match(found)) << "no failure found";
  if (!failure.has_value()) {
    ADD_FAILURE() << "no failing case recorded";
    return explore::RunReport{};
  }
  const explore::RunReport rerun = RunCase(*failure, judging);
  EXPECT_TRUE(rerun.result.failed());
  EXPECT_NE(found.description.find(rerun.result.failure.Name()), std::string::npos)
      << found.description;
  absl::StatusOr<explore::RunReport> shrunk = explore::ShrinkWorkloadRun(rerun, {});
  if (!shrunk.ok()) {
    ADD_FAILURE() << shrunk.status();
    return rerun;
  }
  EXPECT_EQ(shrunk->result.failure.Name(), rerun.result.failure.Name()) << ShowRun(*shrunk);
  EXPECT_TRUE(shrunk->target.workload.has_value());
  if (shrunk->target.workload) {
    EXPECT_LE(shrunk->target.workload->clients.size(), max_clients) << ShowRun(*shrunk);
  }
  std::cout << "shrunk counterexample (" << found.numSuccess << " cases passed first; "
            << failure->workload.clients.size() << " clients after RapidCheck):\n"
            << ShowRun(*shrunk) << "\n";
  return *std::move(shrunk);
}

// The token on the "token: " line of a printed failure.
std::string PrintedToken(const std::string& printed) {
  const size_t at = printed.find("\ntoken: ");
  if (at == std::string::npos) return "";
  const size_t begin = at + 8;
  return printed.substr(begin, printed.find('\n', begin) - begin);
}

// Expects the token printed for `shrunk` to replay to the same failure, in-process
// (explore::Replay) and through the poolcheck binary (exit 1, the same failure line).
void ExpectPrintedTokenReplays(const explore::RunReport& shrunk) {
  const std::string token_text = PrintedToken(ShowRun(shrunk));
  absl::StatusOr<sim::ReplayToken> token = sim::DecodeToken(token_text);
  ASSERT_TRUE(token.ok()) << token.status() << ": '" << token_text << "'";
  absl::StatusOr<explore::RunReport> replay = explore::Replay(*token, /*record_trace=*/false);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->result.failure.Name(), shrunk.result.failure.Name());
  EXPECT_EQ(replay->result.message, shrunk.result.message);
  EXPECT_EQ(replay->result.steps, shrunk.result.steps);
  EXPECT_EQ(replay->result.fingerprint, shrunk.result.fingerprint);
  EXPECT_EQ(replay->workload_text, shrunk.workload_text);

  const cli::testing::BinaryRun binary = cli::testing::RunPoolcheckBinary({"replay", token_text});
  EXPECT_EQ(binary.exit_code, 1) << binary.err;
  EXPECT_NE(binary.out.find(shrunk.result.message), std::string::npos) << binary.out;
  EXPECT_NE(binary.out.find(shrunk.result.failure.Name()), std::string::npos) << binary.out;
}

// Shows the invariants hold on the fixed pool over generated workloads and schedules (1000
// by default), looking past its named known bugs, and every op runs under a deadline so a
// known bug's hang cannot hang a run; a failing case is printed. Every invariant, I5
// included: the real I5 bug the shared generator reaches is known bug
// conn-close-drops-bad-conn (FixedPoolBugConnCloseLosesTxRollbackVerdict below).
TEST(GenericProperty, HoldsOnSyncReset) {
  scenarios::GenOptions gen_options;
  Judging judging;
  judging.checks = InvariantSet::All();
  judging.allow = KnownBugAllowances::AllKnownBugs();
  std::optional<PropertyCase> failure;
  const rc::detail::TestResult result =
      CheckAllInvariants(model::sql::PoolVersion::kSyncReset, gen_options, judging,
                         CheckOptions{.cases = Cases()}, &failure);
  rc::detail::SuccessResult success;
  ASSERT_TRUE(result.match(success))
      << (failure ? ShowFailure(*failure, RunCase(*failure, judging)) : "no failing case");
  EXPECT_EQ(success.numSuccess, Cases());
}

// Shows the generic property, not told about golang/go#31480, finds a failure on
// async-reset (the generator draws resetterCh capacities 1, 2 and 50) and shrinks it
// (RapidCheck, then the workload shrinker) to at most 2 clients with the same failure;
// its printed token replays to it in-process and through the poolcheck binary. Prints it.
TEST(GenericProperty, FindsAndShrinksFailureOnAsyncReset) {
  scenarios::GenOptions gen_options;
  Judging judging;
  judging.allow = KnownBugAllowances::AllKnownBugs();  // bugs async-reset shares with sync-reset
  std::optional<PropertyCase> failure;
  const rc::detail::TestResult result =
      CheckAllInvariants(model::sql::PoolVersion::kAsyncReset, gen_options, judging,
                         CheckOptions{.cases = Cases(), .seeds_per_case = 8}, &failure);
  const explore::RunReport shrunk = ExpectShrunkFailure(result, failure, judging, 2);
  EXPECT_EQ(shrunk.result.failure.Name(), "I6") << shrunk.result.message;
  ExpectPrintedTokenReplays(shrunk);
}

// A real bug of the fixed pool the strict I11 finds: Tx.awaitDone's rollback on cancel
// does not wait for the tx's statement in progress, so the statement (or its Rows.Next)
// reaches the driver after the Rollback. Found, shrunk to at most 2 clients, printed.
TEST(GenericProperty, FixedPoolBugTxStatementAfterCancelRollback) {
  scenarios::GenOptions gen_options;
  Judging judging;
  judging.checks = InvariantSet::Only(InvariantId::kI11);
  std::optional<PropertyCase> failure;
  const rc::detail::TestResult result =
      CheckAllInvariants(model::sql::PoolVersion::kSyncReset, gen_options, judging,
                         CheckOptions{.cases = Cases(), .seeds_per_case = 8}, &failure);
  const explore::RunReport rerun = ExpectShrunkFailure(result, failure, judging, 2);
  EXPECT_NE(rerun.result.message.find("after the tx ended"), std::string::npos)
      << rerun.result.message;
}

// A real bug of the fixed pool the shared generator reaches (FINDINGS.md, fuzz section,
// behaviour 4; known bug conn-close-drops-bad-conn): a Tx's bad-conn verdict from its
// Rollback is lost when the Conn's Close races it, so the pool resets (and reuses) a conn
// its driver failed. Found with I5 alone, looking past every named known bug but that
// one, shrunk to at most 3 clients (the Conn's, one holding the other conn so the Tx's
// statement waits past its deadline, one reusing the failed conn), printed.
TEST(GenericProperty, FixedPoolBugConnCloseLosesTxRollbackVerdict) {
  scenarios::GenOptions gen_options;
  Judging judging;
  judging.checks = InvariantSet::Only(InvariantId::kI5);
  judging.allow = KnownBugAllowances::AllKnownBugs();
  judging.allow.conn_close_drops_bad_conn = false;
  std::optional<PropertyCase> failure;
  const rc::detail::TestResult result =
      CheckAllInvariants(model::sql::PoolVersion::kSyncReset, gen_options, judging,
                         CheckOptions{.cases = Cases(), .seeds_per_case = 8}, &failure);
  const explore::RunReport shrunk = ExpectShrunkFailure(result, failure, judging, 3);
  EXPECT_NE(shrunk.result.message.find("after the pool saw it fail"), std::string::npos)
      << shrunk.result.message;
}

}  // namespace
}  // namespace properties
