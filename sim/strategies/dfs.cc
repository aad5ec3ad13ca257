// Bounded DFS: see dfs.h for the enumeration order and the preemption bound.
#include "sim/strategies/dfs.h"

#include "absl/strings/str_cat.h"

namespace sim {

absl::StatusOr<std::unique_ptr<Strategy>> DfsStrategy::Make(ParamReader& params) {
  const uint64_t bound = params.Uint("preemptions", kUnbounded, 0, kUnbounded);
  if (absl::Status s = params.Finish(); !s.ok()) return s;
  return std::make_unique<DfsStrategy>(bound);
}

uint64_t DfsStrategy::Node::Pick() const {
  if (current < 0) return option;
  if (option == 0) return static_cast<uint64_t>(current);
  // Options 1.. are the other candidates in ascending index order.
  return option - 1 < static_cast<uint64_t>(current) ? option - 1 : option;
}

uint64_t DfsStrategy::Node::PreemptionsAfter() const {
  return preemptions_before + (current >= 0 && option > 0 ? 1 : 0);
}

uint64_t DfsStrategy::OptionCount(const Node& node) const {
  if (node.current >= 0 && node.preemptions_before >= preemption_bound_) return 1;
  return node.width;
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
                                            int32_t current) {
  if (divergence_) return nullptr;
  if (depth_ < path_.size()) {
    const Node& node = path_[depth_];
    if (node.kind != kind || node.width != width || node.current != current) {
      divergence_ = absl::StrCat(
          "dfs: the program did not repeat itself at decision #", depth_,
          ": an earlier run had ", node.width, " options there, this run has ", width,
          "; exhaustive search needs a deterministic program");
      return nullptr;
    }
  } else {
    const uint64_t before = depth_ == 0 ? 0 : path_[depth_ - 1].PreemptionsAfter();
    path_.push_back(Node{kind, current, width, before});
  }
  return &path_[depth_++];
}

size_t DfsStrategy::PickNext(const SchedulePoint& point) {
  const uint64_t width = point.candidates.size();
  const Node* node = Visit(ChoiceKind::kSchedule, width, point.current);
  return node == nullptr ? width : node->Pick();
}

uint64_t DfsStrategy::PickNumber(uint64_t bound, ChoiceKind kind) {
  const Node* node = Visit(kind, bound, -1);
  return node == nullptr ? bound : node->Pick();
}

std::string DfsStrategy::Describe() const {
  if (preemption_bound_ == kUnbounded) return "dfs";
  return absl::StrCat("dfs:preemptions=", preemption_bound_);
}

}  // namespace sim
