// Portfolio: round-robin over member strategies; see portfolio.h.
#include "sim/strategies/portfolio.h"

#include "sim/strategy_registry.h"
#include "sim/sweep.h"

namespace sim {
namespace {

// The default sweep's strategies (sim/sweep.h), in its order.
std::vector<std::unique_ptr<Strategy>> DefaultMembers() {
  std::vector<std::unique_ptr<Strategy>> members;
  for (std::string_view spec : DefaultSweepStrategies()) {
    members.push_back(*MakeStrategy(std::string(spec)));
  }
  return members;
}

}  // namespace

PortfolioStrategy::PortfolioStrategy() : PortfolioStrategy(DefaultMembers()) {}

PortfolioStrategy::PortfolioStrategy(std::vector<std::unique_ptr<Strategy>> members)
    : members_(std::move(members)) {}

bool PortfolioStrategy::StartRun(uint64_t run_seed) {
  for (size_t tried = 0; tried < members_.size(); ++tried) {
    current_ = static_cast<size_t>(runs_ % members_.size());
    ++runs_;
    if (members_[current_]->StartRun(run_seed)) return true;
  }
  return false;
}

std::string PortfolioStrategy::Describe() const {
  if (runs_ == 0) return "portfolio";
  return members_[current_]->Describe();
}

}  // namespace sim
