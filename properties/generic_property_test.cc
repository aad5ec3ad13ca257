// The generic property: for any generated workload (pool config, driver faults, clients'
// op sequences with timeouts and cancellation) and any schedule (strategy + seed), every
// invariant I1-I11 holds. Shown holding on the fixed pool (sync-reset) over many cases, and, without
// being told about golang/go#31480, finding a failure on async-reset with a small
// resetterCh and shrinking it (workload and schedule together) to a few clients, whose
// printed token replays to the same failure in-process and through the poolcheck binary.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/testing/run_binary.h"
#include "explore/runner.h"
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

// Expects the property to fail, the shrunk case to rerun to the same failure id, to have
// at most `max_clients` clients, and prints it. Returns the rerun.
explore::RunReport ExpectShrunkFailure(const rc::detail::TestResult& result,
                                       const std::optional<PropertyCase>& failure,
                                       const Judging& judging, size_t max_clients) {
  rc::detail::FailureResult found;
  EXPECT_TRUE(result.match(found)) << "no failure found";
  if (!failure.has_value()) {
    ADD_FAILURE() << "no failing case recorded";
    return explore::RunReport{};
  }
  explore::RunReport rerun = RunCase(*failure, judging);
  EXPECT_TRUE(rerun.result.failed());
  EXPECT_NE(found.description.find(rerun.result.failure.Name()), std::string::npos)
      << found.description;
  EXPECT_LE(failure->workload.clients.size(), max_clients) << ShowFailure(*failure, rerun);
  std::cout << "shrunk counterexample (" << found.numSuccess << " cases passed first):\n"
            << ShowFailure(*failure, rerun) << "\n";
  return rerun;
}

// The token on the "token: " line of a printed failure.
std::string PrintedToken(const std::string& printed) {
  const size_t at = printed.find("\ntoken: ");
  if (at == std::string::npos) return "";
  const size_t begin = at + 8;
  return printed.substr(begin, printed.find('\n', begin) - begin);
}

// Expects the token printed for `failure` to replay to the same failure, in-process
// (explore::Replay) and through the poolcheck binary (exit 1, the same failure line).
void ExpectPrintedTokenReplays(const PropertyCase& failure, const explore::RunReport& rerun) {
  const std::string token_text = PrintedToken(ShowFailure(failure, rerun));
  absl::StatusOr<sim::ReplayToken> token = sim::DecodeToken(token_text);
  ASSERT_TRUE(token.ok()) << token.status() << ": '" << token_text << "'";
  absl::StatusOr<explore::RunReport> replay = explore::Replay(*token, /*record_trace=*/false);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->result.failure.Name(), rerun.result.failure.Name());
  EXPECT_EQ(replay->result.message, rerun.result.message);
  EXPECT_EQ(replay->result.steps, rerun.result.steps);
  EXPECT_EQ(replay->result.fingerprint, rerun.result.fingerprint);
  EXPECT_EQ(replay->workload_text, failure.workload.Show());

  const cli::testing::BinaryRun binary = cli::testing::RunPoolcheckBinary({"replay", token_text});
  EXPECT_EQ(binary.exit_code, 1) << binary.err;
  EXPECT_NE(binary.out.find(rerun.result.message), std::string::npos) << binary.out;
  EXPECT_NE(binary.out.find(rerun.result.failure.Name()), std::string::npos) << binary.out;
}

// Shows the invariants hold on the fixed pool over generated workloads and schedules (1000
// by default), every invariant enabled. It looks past the two real bugs of the fixed pool the strict
// checkers find (FixedPoolBugTxStatementAfterCancelRollback below, and the hand-written
// program in known_bugs_test.cc), and every op runs under a deadline so the
// second one cannot hang a run; a failing case is printed.
TEST(GenericProperty, HoldsOnSyncReset) {
  testing::GenOptions gen_options;
  gen_options.deadline_every_op = true;
  Judging judging;
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
// async-reset with resetterCh of capacity 1 and shrinks it to at most 2 clients; the
// shrunk case reruns to the same failure, and its printed token replays to it in-process
// and through the poolcheck binary. Prints it.
TEST(GenericProperty, FindsAndShrinksFailureOnAsyncReset) {
  testing::GenOptions gen_options;
  gen_options.resetter_capacities = {1};
  gen_options.deadline_every_op = true;
  Judging judging;
  judging.allow = KnownBugAllowances::AllKnownBugs();  // bugs async-reset shares with sync-reset
  std::optional<PropertyCase> failure;
  const rc::detail::TestResult result =
      CheckAllInvariants(model::sql::PoolVersion::kAsyncReset, gen_options, judging,
                         CheckOptions{.cases = Cases(), .seeds_per_case = 8}, &failure);
  const explore::RunReport rerun = ExpectShrunkFailure(result, failure, judging, 2);
  EXPECT_EQ(rerun.result.failure.Name(), "I6") << rerun.result.message;
  ASSERT_TRUE(failure.has_value());
  ExpectPrintedTokenReplays(*failure, rerun);
}

// A real bug of the fixed pool the strict I11 finds: Tx.awaitDone's rollback on cancel
// does not wait for the tx's statement in progress, so the statement (or its Rows.Next)
// reaches the driver after the Rollback. Found, shrunk to at most 2 clients, printed.
TEST(GenericProperty, FixedPoolBugTxStatementAfterCancelRollback) {
  testing::GenOptions gen_options;
  gen_options.deadline_every_op = true;
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

}  // namespace
}  // namespace properties
