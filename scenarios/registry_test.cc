// Tests of the scenario registry: every scenario is listed once and builds with its
// defaults on both pool versions; lookups and parameter errors are one clear line.
#include <set>

#include "gtest/gtest.h"
#include "scenarios/scenario.h"

namespace scenarios {
namespace {

using model::sql::PoolVersion;

TEST(Registry, ListsTheRequiredScenariosOnce) {
  // Shows the registry holds #31480 and the six scenarios for other pool paths, each name
  // once, by collecting the names into a set.
  std::set<std::string> names;
  for (const Scenario& s : AllScenarios()) {
    EXPECT_TRUE(names.insert(s.name).second) << "duplicate " << s.name;
    EXPECT_FALSE(s.summary.empty()) << s.name;
  }
  for (const char* required : {"issue31480", "lifetime_expiry", "waiters_open_fail",
                               "tx_cancel", "close_with_waiters", "lower_max_open",
                               "bad_conn_on_reuse"}) {
    EXPECT_EQ(names.count(required), 1u) << required;
  }
}

TEST(Registry, EveryScenarioBuildsWithDefaultsOnEveryVersion) {
  // Shows each scenario's defaults produce a non-empty, valid workload on every
  // pool version of the table, with the pool version set as asked.
  for (const Scenario& s : AllScenarios()) {
    absl::StatusOr<Params> params = ResolveParams(s, {});
    ASSERT_TRUE(params.ok()) << s.name << ": " << params.status();
    EXPECT_EQ(params->size(), s.params.size()) << s.name;
    for (PoolVersion v : model::sql::AllPoolVersions()) {
      absl::StatusOr<Workload> w = s.build(v, *params);
      ASSERT_TRUE(w.ok()) << s.name << ": " << w.status();
      EXPECT_EQ(w->pool.version, v);
      EXPECT_FALSE(w->clients.empty()) << s.name;
      EXPECT_TRUE(ValidateWorkload(*w).ok()) << s.name << ": " << ValidateWorkload(*w);
    }
  }
}

TEST(Registry, Issue31480DefaultsAreTheReportersShape) {
  // Shows the #31480 defaults: 500 clients, maxOpen 128, maxIdle 32, resetterCh capacity
  // 50, a driver with SessionResetter and no latency.
  const Scenario* s = *FindScenario("issue31480");
  Workload w = *s->build(PoolVersion::kAsyncReset, *ResolveParams(*s, {}));
  EXPECT_EQ(w.clients.size(), 500u);
  EXPECT_EQ(w.pool.max_open, 128);
  EXPECT_EQ(w.pool.max_idle, 32);
  EXPECT_EQ(w.pool.resetter_capacity, 50);
  EXPECT_TRUE(w.driver.session_resetter);
  EXPECT_TRUE(w.driver.call_latency.IsZero());
}

TEST(Registry, OverridesReachTheWorkload) {
  // Shows key=value overrides replace defaults and change the built workload.
  const Scenario* s = *FindScenario("issue31480");
  absl::StatusOr<Params> params =
      ResolveParams(*s, {"clients=7", "capacity=2", "latency_ms=10", "jitter_ms=3"});
  ASSERT_TRUE(params.ok()) << params.status();
  Workload w = *s->build(PoolVersion::kAsyncReset, *params);
  EXPECT_EQ(w.clients.size(), 7u);
  EXPECT_EQ(w.pool.resetter_capacity, 2);
  EXPECT_EQ(w.driver.call_latency, sim::Duration::Milliseconds(10));
  EXPECT_EQ(w.driver.latency_jitter, sim::Duration::Milliseconds(3));
}

TEST(Registry, ErrorsAreOneLineAndNameTheCulprit) {
  // Shows each error a user can make is an InvalidArgument/NotFound of one line that names
  // what was wrong: unknown scenario, unknown parameter, malformed pair, unparseable and
  // out-of-range values.
  absl::StatusOr<const Scenario*> missing = FindScenario("nope");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("'nope'"), absl::string_view::npos);

  const Scenario* s = *FindScenario("issue31480");
  struct Case {
    std::string override_text;
    std::string must_mention;
  };
  for (const Case& c : {Case{"colour=red", "'colour'"}, Case{"clients", "'clients'"},
                        Case{"=5", "'=5'"}, Case{"clients=abc", "clients=abc"},
                        Case{"clients=0", "clients=0"}, Case{"max_open=-1", "max_open=-1"}}) {
    absl::StatusOr<Params> p = ResolveParams(*s, {c.override_text});
    ASSERT_FALSE(p.ok()) << c.override_text;
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
    const std::string msg(p.status().message());
    EXPECT_NE(msg.find(c.must_mention), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  }
}

}  // namespace
}  // namespace scenarios
