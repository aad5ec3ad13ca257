// Bounded DFS: see dfs.h for the enumeration order and the preemption bound.
#include "sim/strategies/dfs.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sim {

absl::StatusOr<std::unique_ptr<Strategy>> DfsStrategy::Make(ParamReader& params) {
  const uint64_t bound = params.Uint("preemptions", kUnbounded, 0, kUnbounded);
  const uint64_t advances = params.Uint("advances", 0, 0, kUnbounded);
  if (absl::Status s = params.Finish(); !s.ok()) return s;
  return std::make_unique<DfsStrategy>(bound, advances);
}

// Option order: current (if any), the other candidates in ascending index order (if a
// preemption is still allowed, or there is no current), then the clock advance (if
// offered and allowed), so option 0 is the old model's first choice.
uint64_t DfsStrategy::Node::Pick() const {
  uint64_t i = option;
  if (current >= 0) {
    if (i == 0) return static_cast<uint64_t>(current);
    --i;
  }
  if (i < OthersAllowed()) {
    const uint64_t skip = current >= 0 ? static_cast<uint64_t>(current) : width;
    return i < skip ? i : i + 1;
  }
  return width - 1;  // the clock advance
}

uint64_t DfsStrategy::Node::OthersAllowed() const {
  if (!others_allowed) return 0;
  return width - (advance_offered ? 1 : 0) - (current >= 0 ? 1 : 0);
}

uint64_t DfsStrategy::Node::PreemptionsAfter() const {
  return preemptions_before + (current >= 0 && option > 0 && !PicksAdvance() ? 1 : 0);
}

uint64_t DfsStrategy::OptionCount(const Node& node) const {
  return (node.current >= 0 ? 1 : 0) + node.OthersAllowed() + (node.advance_allowed ? 1 : 0);
}

bool DfsStrategy::StartRun(const RunStart&) {
  if (exhausted_) return false;
  divergence_.reset();
  if (executions_ > 0) {
    // Drop branches the last run did not reach, then backtrack to the deepest node
    // with an untried option.
    path_.resize(depth_);
    while (!path_.empty() && path_.back().option + 1 >= OptionCount(path_.back())) {
      path_.pop_back();
    }
    if (path_.empty()) {
      exhausted_ = true;
      return false;
    }
    ++path_.back().option;
  }
  depth_ = 0;
  ++executions_;
  return true;
}

const DfsStrategy::Node* DfsStrategy::Visit(ChoiceKind kind, uint64_t width,
                                            int32_t current, bool advance_offered) {
  if (divergence_) return nullptr;
  if (depth_ < path_.size()) {
    const Node& node = path_[depth_];
    if (node.kind != kind || node.width != width || node.current != current ||
        node.advance_offered != advance_offered) {
      divergence_ = absl::StrCat(
          "dfs: the program did not repeat itself at decision #", depth_,
          ": an earlier run had ", node.width, " options there, this run has ", width,
          "; exhaustive search needs a deterministic program");
      return nullptr;
    }
  } else {
    const Node* above = depth_ == 0 ? nullptr : &path_[depth_ - 1];
    const uint64_t advances = above == nullptr ? 0 : above->AdvancesAfter();
    const uint64_t preemptions = above == nullptr ? 0 : above->PreemptionsAfter();
    path_.push_back(Node{kind, current, width, preemptions, advances, advance_offered,
                         advance_offered && advances < advance_bound_,
                         current < 0 || preemptions < preemption_bound_});
  }
  return &path_[depth_++];
}

size_t DfsStrategy::PickNext(const SchedulePoint& point) {
  const uint64_t width = point.candidates.size();
  const Node* node = Visit(ChoiceKind::kSchedule, width, point.current,
                           OffersClockAdvance(point));
  return node == nullptr ? width : node->Pick();
}

uint64_t DfsStrategy::PickNumber(uint64_t bound, ChoiceKind kind) {
  const Node* node = Visit(kind, bound, -1, /*advance_offered=*/false);
  return node == nullptr ? bound : node->Pick();
}

std::string DfsStrategy::Describe() const {
  std::vector<std::string> params;
  if (preemption_bound_ != kUnbounded) params.push_back(absl::StrCat("preemptions=", preemption_bound_));
  if (advance_bound_ > 0) params.push_back(absl::StrCat("advances=", advance_bound_));
  if (params.empty()) return "dfs";
  return absl::StrCat("dfs:", absl::StrJoin(params, ","));
}

}  // namespace sim
