// The strategies' random source: xoshiro256** seeded through splitmix64, with numbers
// drawn uniformly in [0, bound) without modulo bias (Lemire's multiply-and-reject). It is
// our own code, so the same seed gives the same stream on every machine and library.
#pragma once

#include <cstdint>

namespace sim {

// The splitmix64 finalizer: a bijective 64-bit mix (Steele, Lea, Flood 2014).
constexpr uint64_t SplitMix64Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline constexpr uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

// xoshiro256** (Blackman, Vigna 2018).
class Prng {
 public:
  explicit Prng(uint64_t seed = 0) { Seed(seed); }

  void Seed(uint64_t seed) {
    for (uint64_t& word : s_) {
      seed += kGoldenGamma;
      word = SplitMix64Mix(seed);
    }
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // A number in [0, bound), every value equally likely. bound must be >= 1.
  uint64_t Uniform(uint64_t bound) {
    unsigned __int128 product = static_cast<unsigned __int128>(Next()) * bound;
    uint64_t low = static_cast<uint64_t>(product);
    if (low < bound) {
      const uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
      while (low < threshold) {
        product = static_cast<unsigned __int128>(Next()) * bound;
        low = static_cast<uint64_t>(product);
      }
    }
    return static_cast<uint64_t>(product >> 64);
  }

 private:
  static constexpr uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4] = {};
};

}  // namespace sim
