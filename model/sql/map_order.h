// Go's map iteration order, where the pool ranges over a map and the order is observable
// (finalClose closing a conn's statements, DB.Close closing the waiters' channels). In a
// run that plays time as an adversary (sim::TimeAdversary) the order is a recorded
// choice, so the search explores it; other runs keep the ascending-key order older tokens
// recorded. (putConnDBLocked's choice of a waiter was a recorded choice before this.)
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/choice.h"

namespace model::sql {

// Puts `items` (collected in ascending key order) into the order Go's range gives: a
// permutation drawn one position at a time from the strategy, or unchanged.
template <typename T>
void InMapOrder(std::vector<T>& items, std::string_view what) {
  if (items.size() < 2 || !sim::TimeAdversary()) return;
  for (size_t i = 0; i + 1 < items.size(); ++i) {
    const size_t k = static_cast<size_t>(sim::ChooseIndex(items.size() - i, what));
    std::swap(items[i], items[i + k]);
  }
}

}  // namespace model::sql
