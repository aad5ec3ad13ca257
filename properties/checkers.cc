// MakeCheckers: the one table from invariant id to checker factory.
#include "properties/checkers.h"

#include <utility>

namespace properties {

namespace {

using Factory = std::unique_ptr<Invariant> (*)();

struct Row {
  InvariantId id;
  Factory make;
};

// Filled in as the checkers land; an id missing here is not checked.
constexpr Row kCheckers[] = {
    {InvariantId::kI1, nullptr},
};

}  // namespace

std::vector<std::unique_ptr<Invariant>> MakeCheckers(InvariantSet enabled) {
  std::vector<std::unique_ptr<Invariant>> out;
  for (const Row& row : kCheckers) {
    if (row.make != nullptr && enabled.Contains(row.id)) out.push_back(row.make());
  }
  return out;
}

}  // namespace properties
