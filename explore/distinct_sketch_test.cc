// Tests of the bounded distinct-fingerprint sketch (explore/distinct_sketch.h): exact up
// to its capacity, then a stated estimate within a few percent with memory capped at the
// capacity; merging parts equals the sketch of the whole, exactly.
#include "explore/distinct_sketch.h"

#include "gtest/gtest.h"

namespace explore {
namespace {

uint64_t Mixed(uint64_t i) {  // uniform 64-bit values, like run fingerprints
  uint64_t x = i + 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

TEST(DistinctSketch, ExactUpToCapacityThenABoundedEstimate) {
  // Shows counts are exact (duplicates ignored) below the capacity, and at 10x the
  // capacity the sketch keeps exactly kCapacity values, says it is an estimate, and the
  // estimate is within 3% of the truth.
  DistinctSketch small;
  for (uint64_t i = 0; i < 1000; ++i) small.Add(Mixed(i % 700));
  EXPECT_TRUE(small.exact());
  EXPECT_EQ(small.Count(), 700u);
  DistinctSketch big;
  const uint64_t n = DistinctSketch::kCapacity * 10;
  for (uint64_t i = 0; i < n; ++i) big.Add(Mixed(i));
  for (uint64_t i = 0; i < n; i += 7) big.Add(Mixed(i));  // repeats change nothing
  EXPECT_FALSE(big.exact());
  EXPECT_EQ(big.Values().size(), DistinctSketch::kCapacity);
  EXPECT_NEAR(static_cast<double>(big.Count()), static_cast<double>(n), 0.03 * n);
}

TEST(DistinctSketch, MergingShardsEqualsTheWhole) {
  // Shows the sketch of the whole equals the merge of sketches of 3 interleaved parts,
  // below capacity and past it, and that FromValues round-trips a sketch.
  for (uint64_t n : {uint64_t{500}, uint64_t{DistinctSketch::kCapacity * 3}}) {
    DistinctSketch whole, parts[3];
    for (uint64_t i = 0; i < n; ++i) {
      whole.Add(Mixed(i));
      parts[i % 3].Add(Mixed(i));
    }
    DistinctSketch merged;
    for (const DistinctSketch& p : parts) merged.Merge(p);
    EXPECT_EQ(merged, whole) << n;
    EXPECT_EQ(merged.Count(), whole.Count());
    EXPECT_EQ(DistinctSketch::FromValues(whole.Values(), !whole.exact()), whole);
  }
}

}  // namespace
}  // namespace explore
