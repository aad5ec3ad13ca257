// Test support for the fake driver's tests: a small seeded strategy (random schedule,
// scripted or random data choices), a strategy that replays a recorded choice stream, and
// helpers to run a program and to call the driver without repeating casts. Header-only, so
// it is not part of the library.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/driver/driver.h"
#include "model/fakedb/call_log.h"
#include "sim/context.h"
#include "sim/run.h"
#include "sim/strategy.h"

namespace model::fakedb::testing {

// Random picks from a splitmix64 stream. Data choices (faults, jitter) take `data_answer`
// (clamped to the bound) when set, else come from the stream too.
class SeededStrategy : public sim::Strategy {
 public:
  explicit SeededStrategy(std::optional<uint64_t> data_answer = std::nullopt)
      : data_answer_(data_answer) {}
  bool StartRun(const sim::RunStart& run) override {
    state_ = run.seed;
    return true;
  }
  size_t PickNext(const sim::SchedulePoint& point) override {
    return Next() % point.candidates.size();
  }
  uint64_t PickNumber(uint64_t bound, sim::ChoiceKind kind) override {
    if (kind == sim::ChoiceKind::kData && data_answer_) return std::min(*data_answer_, bound - 1);
    return Next() % bound;
  }
  std::string Describe() const override { return "fakedb-test-seeded"; }

 private:
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::optional<uint64_t> data_answer_;
  uint64_t state_ = 0;
};

// Feeds back a recorded choice stream (RunResult::choices); an out-of-range pick (which
// the scheduler reports as divergence) when the program asks for something else.
class ChoiceReplayStrategy : public sim::Strategy {
 public:
  explicit ChoiceReplayStrategy(std::vector<sim::Choice> choices) : choices_(std::move(choices)) {}
  bool StartRun(const sim::RunStart&) override {
    next_ = 0;
    return true;
  }
  size_t PickNext(const sim::SchedulePoint& point) override {
    if (next_ >= choices_.size()) return point.candidates.size();
    const uint32_t want = choices_[next_++].value;
    for (size_t i = 0; i < point.candidates.size(); ++i) {
      const sim::Candidate& c = point.candidates[i];
      const bool timer = c.kind == sim::Candidate::Kind::kTimer;
      if ((timer ? sim::kTimerChoiceBase + c.id : c.id) == want) return i;
    }
    return point.candidates.size();
  }
  uint64_t PickNumber(uint64_t bound, sim::ChoiceKind) override {
    return next_ < choices_.size() ? choices_[next_++].value : bound;
  }
  std::string Describe() const override { return "fakedb-test-replay"; }

 private:
  std::vector<sim::Choice> choices_;
  size_t next_ = 0;
};

inline sim::RunResult RunSim(std::function<void()> main, uint64_t seed = 1,
                             bool record_trace = false) {
  SeededStrategy strategy;
  sim::RunOptions options;
  options.record_trace = record_trace;
  return sim::RunProgram(strategy, seed, options, std::move(main));
}

inline sim::RunResult RunSimWith(sim::Strategy& strategy, std::function<void()> main,
                                 uint64_t seed = 1) {
  return sim::RunProgram(strategy, seed, sim::RunOptions{}, std::move(main));
}

template <typename T>
std::shared_ptr<T> As(const std::shared_ptr<driver::Conn>& conn) {
  return std::dynamic_pointer_cast<T>(conn);
}

inline absl::Status Exec(const std::shared_ptr<driver::Conn>& conn, const std::string& query,
                         const sim::Context& ctx = sim::Context::Background()) {
  return As<driver::ExecerContext>(conn)->ExecContext(ctx, query, {}).status();
}

// Short statuses of a sequence of results, e.g. {"ok", "ErrBadConn"}.
inline std::string Summary(const std::vector<absl::Status>& results) {
  std::string text;
  for (const absl::Status& s : results) text += (text.empty() ? "" : " ") + ShortStatus(s);
  return text;
}

// The whole call log, one call per line, for comparing runs.
inline std::string LogText(const CallLog& log) {
  std::string text;
  for (const DriverCall& call : log.entries()) text += call.ToString() + "\n";
  return text;
}

inline size_t CountDataChoices(const sim::RunResult& r, uint32_t value) {
  size_t n = 0;
  for (const sim::Choice& c : r.choices) n += c.kind == sim::ChoiceKind::kData && c.value == value;
  return n;
}

}  // namespace model::fakedb::testing
