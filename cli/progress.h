// Progress of a long exploration on stderr. On a terminal: one line rewritten in place a
// few times a second (runs done of the shard's own total with a percentage and ETA, runs
// per second, failures, elapsed time, distinct interleavings), erased at the end. Not on a
// terminal (CI logs): a plain line every `every_s` seconds, like `go test -fuzz`:
// "explore: elapsed 10s, execs 1234 (123/s), failing 0, distinct 1200". Wall time here is
// the CLI's own clock, never a simulated run's.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>

namespace cli {

class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;

  // `terminal`: rewrite one line in place; else print a line every `every_s` seconds.
  // `runs_total`: this shard's runs (0 when bounded by time only).
  ProgressLine(std::ostream& err, bool terminal, uint64_t runs_total, double every_s = 10);

  // Safe to call from several threads.
  void Update(uint64_t runs_done, uint64_t failures, uint64_t distinct);
  // The same cadence for a caller-formatted line (`poolcheck verify`): when a line is due,
  // draws text(elapsed_s, terminal), which has no newline.
  void UpdateWith(const std::function<std::string(double elapsed_s, bool terminal)>& text);
  // Erases the terminal line (if one was drawn).
  void Finish();

  // The terminal line's text (exposed for tests).
  static std::string Format(uint64_t runs_done, uint64_t runs_total, uint64_t failures,
                            uint64_t distinct, double elapsed_s);
  // The non-terminal line's text, without a newline (exposed for tests).
  static std::string FormatLogLine(uint64_t runs_done, uint64_t runs_total, uint64_t failures,
                                   uint64_t distinct, double elapsed_s);

 private:
  std::ostream& err_;
  const bool terminal_;
  const uint64_t runs_total_;
  const Clock::duration log_every_;
  const Clock::time_point start_;
  Clock::time_point last_draw_;
  size_t last_width_ = 0;
  std::mutex mu_;
};

}  // namespace cli
