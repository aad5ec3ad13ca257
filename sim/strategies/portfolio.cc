// Portfolio: round-robin over member strategies; see portfolio.h.
#include "sim/strategies/portfolio.h"

#include <algorithm>

#include "sim/strategy_registry.h"
#include "sim/sweep.h"

namespace sim {
namespace {

// The default sweep's strategies (sim/sweep.h), in its order, each with `advance`.
std::vector<std::unique_ptr<Strategy>> DefaultMembers(const ClockAdvanceOdds& advance) {
  std::vector<std::unique_ptr<Strategy>> members;
  for (std::string_view spec : DefaultSweepStrategies()) {
    members.push_back(*MakeStrategy(advance.AddTo(std::string(spec))));
  }
  return members;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Strategy>> PortfolioStrategy::Make(ParamReader& params) {
  const ClockAdvanceOdds advance = ClockAdvanceOdds::Read(params);
  if (absl::Status s = params.Finish(); !s.ok()) return s;
  return std::make_unique<PortfolioStrategy>(advance);
}

PortfolioStrategy::PortfolioStrategy(ClockAdvanceOdds advance)
    : PortfolioStrategy(DefaultMembers(advance)) {}

PortfolioStrategy::PortfolioStrategy(std::vector<std::unique_ptr<Strategy>> members)
    : members_(std::move(members)) {}

bool PortfolioStrategy::StartRun(const RunStart& run) {
  const uint64_t n = members_.size();
  const RunStart member_run(run.seed, run.index / n);
  started_ = true;
  for (uint64_t tried = 0; tried < n; ++tried) {
    current_ = static_cast<size_t>((run.index + tried) % n);
    if (members_[current_]->StartRun(member_run)) return true;
  }
  return false;
}

std::string PortfolioStrategy::Describe() const {
  if (!started_) return "portfolio";
  return members_[current_]->Describe();
}

uint64_t PortfolioStrategy::LearnsFromRuns() const {
  uint64_t most = 0;
  for (const auto& m : members_) most = std::max(most, m->LearnsFromRuns());
  const uint64_t n = members_.size();
  return most > kEveryRun / n ? kEveryRun : most * n;
}

}  // namespace sim
