// Counting distinct run fingerprints in bounded memory, so an unbounded exploration
// (explore --time) stays flat: the sketch keeps the kCapacity smallest fingerprints seen.
// Up to kCapacity distinct fingerprints it holds them all and the count is exact; past
// that it is a KMV ("k minimum values") estimate, (k-1) * 2^64 / (k-th smallest), with a
// relative standard error of about 1/sqrt(k-2) (0.8% for k = 16384), reported as an
// estimate. Fingerprints are already uniformly mixed (sim/fingerprint.cc ends in SplitMix64).
// Two sketches merge exactly: the k smallest values of a union are the k smallest of the
// parts' k smallest, so merging the shards' sketches gives the unsharded sketch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <vector>

namespace explore {

class DistinctSketch {
 public:
  static constexpr size_t kCapacity = 16384;

  void Add(uint64_t fingerprint);
  void Merge(const DistinctSketch& other);

  // The number of distinct fingerprints added: exact while exact(), else the estimate.
  uint64_t Count() const;
  // True while every distinct fingerprint added is kept (no estimate involved).
  bool exact() const { return !saturated_; }

  // The kept fingerprints, ascending, and a sketch rebuilt from them (for JSON summaries).
  std::vector<uint64_t> Values() const { return {kept_.begin(), kept_.end()}; }
  static DistinctSketch FromValues(const std::vector<uint64_t>& values, bool saturated);

  bool operator==(const DistinctSketch& other) const = default;

 private:
  std::set<uint64_t> kept_;  // the smallest distinct fingerprints, at most kCapacity
  bool saturated_ = false;   // some distinct fingerprint was dropped
};

}  // namespace explore
