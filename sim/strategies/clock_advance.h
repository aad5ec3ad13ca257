// The clock-advance parameter shared by the sampling strategies (random, pct, pos, portfolio):
// `advance=P`, the probability of taking a clock advance where one is offered (issue 9
// section 2: time as an adversary). P is a decimal in [0, 1] with at most 6 digits after
// the point, kept exactly as parts per million so Describe() prints back what was parsed
// and a token's spec rebuilds the same strategy. P = 0, the default, offers no advance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/strategies/params.h"
#include "sim/strategies/prng.h"
#include "sim/strategy.h"

namespace sim {

class ClockAdvanceOdds {
 public:
  static constexpr uint64_t kMillion = 1'000'000;
  static constexpr const char* kParamDoc =
      "advance=P (probability of advancing the clock to the next timer where goroutines "
      "are runnable; default 0: never)";

  ClockAdvanceOdds() = default;
  explicit ClockAdvanceOdds(uint64_t ppm) : ppm_(ppm) {}
  // Reads `advance` from `params` (an error is kept in params, as ParamReader does).
  static ClockAdvanceOdds Read(ParamReader& params);

  bool on() const { return ppm_ > 0; }
  uint64_t ppm() const { return ppm_; }
  // "advance=0.05", or "" when off.
  std::string Param() const;
  // `spec` with this parameter added ("random" -> "random:advance=0.05"); `spec` when off.
  std::string AddTo(const std::string& spec) const;

  // If `point` offers a clock advance: returns its index with probability P; otherwise
  // drops it from `point` (so the caller picks among the rest) and returns nullopt. Draws
  // nothing when no advance is offered.
  std::optional<size_t> Draw(Prng& prng, SchedulePoint& point) const;

 private:
  uint64_t ppm_ = 0;
};

// Parses "0", "1", "0.05", "1.0": a decimal in [0, 1] with at most 6 fraction digits, as
// parts per million; nullopt otherwise.
std::optional<uint64_t> ParsePartsPerMillion(const std::string& text);
// The inverse: 50000 -> "0.05", 1000000 -> "1", 0 -> "0".
std::string FormatPartsPerMillion(uint64_t ppm);

}  // namespace sim
