// The table of checkers: one factory per invariant, so the Monitor builds exactly the
// enabled ones and a new checker is one file plus one line in checkers.cc.
#pragma once

#include <memory>
#include <vector>

#include "properties/invariant.h"

namespace properties {

// One new checker per invariant in `enabled`, in id order.
std::vector<std::unique_ptr<Invariant>> MakeCheckers(InvariantSet enabled,
                                                     KnownBugAllowances allow = {});

}  // namespace properties
