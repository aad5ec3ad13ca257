// The progress line a long exploration shows on a terminal (stderr): runs done, runs per
// second, failures, elapsed wall time and distinct interleavings, rewritten in place at
// most a few times per second and erased at the end. Wall time here is the CLI's own
// clock, never a simulated run's.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace cli {

class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;

  // `enabled` false makes every call a no-op (stderr is not a terminal).
  ProgressLine(std::ostream& err, bool enabled, uint64_t runs_total);

  // Safe to call from several threads.
  void Update(uint64_t runs_done, uint64_t failures, uint64_t distinct);
  // Erases the line (if one was drawn).
  void Finish();

  // The line's text for the given counts and elapsed time (exposed for tests).
  static std::string Format(uint64_t runs_done, uint64_t runs_total, uint64_t failures,
                            uint64_t distinct, double elapsed_s);

 private:
  std::ostream& err_;
  const bool enabled_;
  const uint64_t runs_total_;
  const Clock::time_point start_;
  Clock::time_point last_draw_;
  size_t last_width_ = 0;
  std::mutex mu_;
};

}  // namespace cli
