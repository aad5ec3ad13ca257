// Replay of a recorded choice stream, with divergence reports: see replay.h.
#include "sim/strategies/replay.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sim {
namespace {

std::string DescribeCandidateValue(uint32_t value) {
  if (value >= kTimerChoiceBase) return absl::StrCat("timer ", value - kTimerChoiceBase);
  return absl::StrCat("goroutine ", value);
}

std::string DescribeCandidates(const SchedulePoint& point) {
  std::vector<std::string> names;
  for (const Candidate& c : point.candidates) {
    names.push_back(DescribeCandidateValue(ChoiceValueOf(c)));
  }
  return absl::StrCat("[", absl::StrJoin(names, ", "), "]");
}

std::string DescribeChoice(const Choice& c) {
  if (c.kind == ChoiceKind::kSchedule) return DescribeCandidateValue(c.value);
  return absl::StrCat(ChoiceKindName(c.kind), " choice ", c.value);
}

}  // namespace

const char* ChoiceKindName(ChoiceKind kind) {
  switch (kind) {
    case ChoiceKind::kSchedule: return "schedule";
    case ChoiceKind::kSelect: return "select";
    case ChoiceKind::kTimer: return "timer";
    case ChoiceKind::kData: return "data";
  }
  return "unknown";
}

std::string ReplayStrategy::Where(const uint64_t* step) const {
  if (step == nullptr) return absl::StrCat("choice #", next_);
  return absl::StrCat("step ", *step, " (choice #", next_, ")");
}

const Choice* ReplayStrategy::Next(const uint64_t* step) {
  if (divergence_) return nullptr;
  if (next_ < choices_.size()) return &choices_[next_];
  divergence_ = absl::StrCat("replay diverged at ", Where(step), ": the recording has only ",
                             choices_.size(), " choices: the recorded run ended there (by its "
                             "failure or its end), and this run goes on past it; a failure "
                             "it recorded no longer happens there");
  return nullptr;
}

size_t ReplayStrategy::PickNext(const SchedulePoint& point) {
  const size_t invalid = point.candidates.size();
  const Choice* recorded = Next(&point.step);
  if (recorded == nullptr) return invalid;
  if (recorded->kind == ChoiceKind::kSchedule) {
    for (size_t i = 0; i < point.candidates.size(); ++i) {
      if (ChoiceValueOf(point.candidates[i]) == recorded->value) {
        ++next_;
        return i;
      }
    }
  }
  divergence_ = absl::StrCat("replay diverged at ", Where(&point.step), ": recorded ",
                             DescribeChoice(*recorded), ", but the runnable candidates are ",
                             DescribeCandidates(point));
  return invalid;
}

uint64_t ReplayStrategy::PickNumber(uint64_t bound, ChoiceKind kind) {
  const Choice* recorded = Next(nullptr);
  if (recorded == nullptr) return bound;
  if (recorded->kind == kind && recorded->value < bound) {
    ++next_;
    return recorded->value;
  }
  divergence_ = absl::StrCat("replay diverged at ", Where(nullptr), ": recorded ",
                             DescribeChoice(*recorded), ", but the program asks for a ",
                             ChoiceKindName(kind), " choice in [0, ", bound, ")");
  return bound;
}

}  // namespace sim
