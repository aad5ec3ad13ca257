// The terminal progress line: see progress.h.
#include "cli/progress.h"

#include "absl/strings/str_format.h"

namespace cli {

constexpr auto kRedrawInterval = std::chrono::milliseconds(200);

ProgressLine::ProgressLine(std::ostream& err, bool enabled, uint64_t runs_total)
    : err_(err), enabled_(enabled), runs_total_(runs_total), start_(Clock::now()),
      last_draw_(start_) {}

std::string ProgressLine::Format(uint64_t runs_done, uint64_t runs_total, uint64_t failures,
                                 uint64_t distinct, double elapsed_s) {
  const double rate = elapsed_s > 0 ? static_cast<double>(runs_done) / elapsed_s : 0;
  std::string runs = runs_total > 0 ? absl::StrFormat("%d/%d runs", runs_done, runs_total)
                                    : absl::StrFormat("%d runs", runs_done);
  return absl::StrFormat("%s  %.0f runs/s  %d failing  %.1fs  %d distinct interleavings", runs,
                         rate, failures, elapsed_s, distinct);
}

void ProgressLine::Update(uint64_t runs_done, uint64_t failures, uint64_t distinct) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mu_);
  const Clock::time_point now = Clock::now();
  if (now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const std::string line = Format(runs_done, runs_total_, failures, distinct, elapsed);
  err_ << '\r' << line;
  if (line.size() < last_width_) err_ << std::string(last_width_ - line.size(), ' ');
  err_.flush();
  last_width_ = line.size();
}

void ProgressLine::Finish() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (last_width_ == 0) return;
  err_ << '\r' << std::string(last_width_, ' ') << '\r';
  err_.flush();
  last_width_ = 0;
}

}  // namespace cli
