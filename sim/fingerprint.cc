// Run fingerprints (see sim/internal/fingerprint.h). One multiply per choice: the choice
// is packed into one 64-bit word (kind in the high bits) and folded FNV-1a style.
#include "sim/internal/fingerprint.h"

namespace sim::internal {
namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001b3ull;

uint64_t Fold(uint64_t h, uint64_t word) { return (h ^ word) * kFnvPrime; }

uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

uint64_t Fingerprint(std::span<const Choice> choices, uint64_t steps, Instant end_time) {
  uint64_t h = kFnvOffset;
  for (const Choice& c : choices) {
    h = Fold(h, (static_cast<uint64_t>(c.kind) << 32) | c.value);
  }
  h = Fold(SplitMix64(h), steps);
  h = Fold(SplitMix64(h), static_cast<uint64_t>(end_time.nanoseconds()));
  return SplitMix64(h);
}

}  // namespace sim::internal
