// Portfolio: runs take turns among several strategies (Coyote and Shuttle style), so one
// exploration gets the strengths of each without the user choosing. The default members,
// in turn order, are the default sweep's strategies (sim/sweep.h: pct:depth=3, random,
// pct:depth=2).
//
// Describe() names the member that runs the current run (e.g. "pct:depth=3,steps=800"),
// so a token made from it reproduces that run without the portfolio; before the first
// run it is "portfolio". `portfolio:advance=P` gives every default member advance=P.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sim/strategies/clock_advance.h"
#include "sim/strategies/params.h"
#include "sim/strategy.h"

namespace sim {

class PortfolioStrategy : public Strategy {
 public:
  static constexpr const char* kParamsDoc = ClockAdvanceOdds::kParamDoc;
  static absl::StatusOr<std::unique_ptr<Strategy>> Make(ParamReader& params);

  // The default members, each with `advance`.
  explicit PortfolioStrategy(ClockAdvanceOdds advance = {});
  explicit PortfolioStrategy(std::vector<std::unique_ptr<Strategy>> members);

  // Run i goes to member i mod n, as that member's run i / n (so a member learns from its
  // own first runs); a member that has nothing left (StartRun false) is skipped; false
  // once no member has anything left.
  bool StartRun(const RunStart& run) override;
  size_t PickNext(const SchedulePoint& point) override {
    return members_[current_]->PickNext(point);
  }
  uint64_t PickNumber(uint64_t bound, ChoiceKind kind) override {
    return members_[current_]->PickNumber(bound, kind);
  }
  std::string Describe() const override;
  std::optional<std::string> Divergence() const override {
    return members_[current_]->Divergence();
  }
  bool TimeAdversary() const override { return members_[current_]->TimeAdversary(); }
  // Member m's runs j are the portfolio's runs j * n + m: n times the most any member
  // learns from.
  uint64_t LearnsFromRuns() const override;

 private:
  std::vector<std::unique_ptr<Strategy>> members_;
  size_t current_ = 0;
  bool started_ = false;
};

}  // namespace sim
