// Data choices: where simulated code has an outcome Go leaves open (map iteration order,
// a fault a driver may inject), it asks for the outcome here. Every answer comes from the
// run's strategy and is recorded in the one choice stream, so it is explored and replayed
// exactly like a scheduling decision.
#pragma once

#include <cstdint>
#include <string_view>

namespace sim {

// A number in [0, bound). bound must be >= 1; bound == 1 returns 0 without recording.
// `what` labels the choice in traces ("connRequests order", "fault: Exec conn 3").
uint64_t ChooseIndex(uint64_t bound, std::string_view what);

// A yes/no choice, recorded like ChooseIndex(2, what) == 1.
bool ChooseBool(std::string_view what);

// Whether the current run plays time as an adversary (Strategy::TimeAdversary). Simulated
// code then makes the finer choices Go leaves open that older runs fixed: the order of a
// map it ranges over while closing (finalClose, DB.Close), and context cancellation
// reaching one child at a time, each a scheduling point. False outside a run.
bool TimeAdversary();

}  // namespace sim
