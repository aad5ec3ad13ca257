// Bounded distinct counting of fingerprints: see distinct_sketch.h.
#include "explore/distinct_sketch.h"

#include <iterator>

namespace explore {

void DistinctSketch::Add(uint64_t fingerprint) {
  if (kept_.size() < kCapacity) {
    kept_.insert(fingerprint);
    return;
  }
  const uint64_t largest = *kept_.rbegin();
  if (fingerprint > largest) {
    saturated_ = true;
  } else if (fingerprint < largest && kept_.insert(fingerprint).second) {
    kept_.erase(std::prev(kept_.end()));
    saturated_ = true;
  }
}

void DistinctSketch::Merge(const DistinctSketch& other) {
  for (uint64_t v : other.kept_) Add(v);
  saturated_ = saturated_ || other.saturated_;
}

uint64_t DistinctSketch::Count() const {
  if (!saturated_ || kept_.size() < 2) return kept_.size();
  // KMV: the k-th smallest of n uniform values sits near k/n of the range.
  const long double kth = static_cast<long double>(*kept_.rbegin()) + 1.0L;
  const long double range = 18446744073709551616.0L;  // 2^64
  return static_cast<uint64_t>(static_cast<long double>(kept_.size() - 1) * range / kth + 0.5L);
}

DistinctSketch DistinctSketch::FromValues(const std::vector<uint64_t>& values, bool saturated) {
  DistinctSketch sketch;
  for (uint64_t v : values) sketch.Add(v);
  sketch.saturated_ = sketch.saturated_ || saturated;
  return sketch;
}

}  // namespace explore
