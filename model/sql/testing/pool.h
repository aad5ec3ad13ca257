// Test support for the pool's tests: opening a DB on a fresh fake driver inside a run,
// running a program under a seeded or cooperative strategy, and a strategy that starves
// chosen goroutines (runs them only when nothing else can run), which is how the #31480
// test keeps async-reset's connectionResetter behind the goroutines returning conns.
// Header-only: only model_tests includes it.
#pragma once

#include <cctype>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "model/fakedb/fake_driver.h"
#include "model/sql/db.h"
#include "sim/run.h"
#include "sim/strategy.h"
#include "sim/timer.h"
#include "sim/testing/test_strategies.h"

namespace model::sql::testing {

struct FakePool {
  std::shared_ptr<fakedb::FakeDriver> driver;
  std::shared_ptr<DB> db;
};

// Opens a DB of `version` on a new fake driver. Call it from inside a run.
inline FakePool OpenFakePool(PoolVersion version, fakedb::FakeDriverOptions fake = {},
                             DBOptions options = {}) {
  FakePool pool;
  pool.driver = fakedb::FakeDriver::Create(std::move(fake));
  options.version = version;
  pool.db = OpenDB(pool.driver->NewConnector(), std::move(options));
  return pool;
}

// For INSTANTIATE_TEST_SUITE_P over every version of the table: the values, and the
// version's name in CamelCase without punctuation ("async-reset" -> "AsyncReset",
// "go1.19" -> "Go119") as the test name suffix (gtest allows only [A-Za-z0-9_]).
inline auto EveryVersion() { return ::testing::ValuesIn(AllPoolVersions()); }
inline std::string VersionName(const ::testing::TestParamInfo<PoolVersion>& info) {
  std::string out;
  bool upper = true;
  for (char c : PoolVersionName(info.param)) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

inline sim::Context Bg() { return sim::Context::Background(); }

// Lets every other goroutine run until it blocks: time cannot pass (so this sleep cannot
// end) while any goroutine is runnable.
inline void LetOthersRun() { sim::Sleep(sim::Duration::Nanoseconds(1)); }

// A uniform random walk that never runs a starved goroutine while another candidate
// (goroutine or due timer) can run. Data choices come from the same stream.
class StarvingStrategy : public sim::Strategy {
 public:
  explicit StarvingStrategy(std::set<sim::GoroutineId> starved) : starved_(std::move(starved)) {}
  bool StartRun(const sim::RunStart& run) override {
    random_.StartRun(run);
    return true;
  }
  size_t PickNext(const sim::SchedulePoint& point) override {
    size_t eligible = 0;
    for (const sim::Candidate& c : point.candidates) eligible += !Starved(c);
    if (eligible == 0) return 0;
    uint64_t n = random_.PickNumber(eligible, sim::ChoiceKind::kSchedule);
    for (size_t i = 0; i < point.candidates.size(); i++) {
      if (Starved(point.candidates[i])) continue;
      if (n-- == 0) return i;
    }
    return 0;
  }
  uint64_t PickNumber(uint64_t bound, sim::ChoiceKind kind) override {
    return random_.PickNumber(bound, kind);
  }
  std::string Describe() const override { return "test-starving"; }

 private:
  bool Starved(const sim::Candidate& c) const {
    return c.kind == sim::Candidate::Kind::kGoroutine && starved_.count(c.id) > 0;
  }
  std::set<sim::GoroutineId> starved_;
  sim::testing::SeededRandomStrategy random_;
};

inline sim::RunResult RunSeeded(uint64_t seed, std::function<void()> main,
                                bool record_trace = false) {
  sim::testing::SeededRandomStrategy strategy;
  sim::RunOptions options;
  options.record_trace = record_trace;
  return sim::RunProgram(strategy, seed, options, std::move(main));
}

inline sim::RunResult RunCooperative(std::function<void()> main) {
  sim::testing::CooperativeStrategy strategy;
  return sim::RunProgram(strategy, 0, sim::RunOptions{}, std::move(main));
}

}  // namespace model::sql::testing
