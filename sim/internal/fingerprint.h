// The run fingerprint: a stable 64-bit hash of the choice stream, the step count and the
// end time (FNV-1a style over one 64-bit word per choice, splitmix64 between sections
// and at the end).
// Independent of std::hash, the platform and the build type.
#pragma once

#include <cstdint>
#include <span>

#include "sim/run.h"
#include "sim/time.h"

namespace sim::internal {

uint64_t Fingerprint(std::span<const Choice> choices, uint64_t steps, Instant end_time);

}  // namespace sim::internal
