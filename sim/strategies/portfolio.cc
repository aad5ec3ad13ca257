// Portfolio: round-robin over member strategies; see portfolio.h.
#include "sim/strategies/portfolio.h"

#include "sim/strategies/pct.h"
#include "sim/strategies/random_walk.h"

namespace sim {
namespace {

std::vector<std::unique_ptr<Strategy>> DefaultMembers() {
  std::vector<std::unique_ptr<Strategy>> members;
  members.push_back(std::make_unique<PctStrategy>(3, PctStrategy::kDefaultSteps));
  members.push_back(std::make_unique<RandomWalkStrategy>());
  members.push_back(std::make_unique<PctStrategy>(2, PctStrategy::kDefaultSteps));
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
