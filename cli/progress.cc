// Exploration progress on stderr: see progress.h.
#include "cli/progress.h"

#include "absl/strings/str_format.h"

namespace cli {

constexpr auto kRedrawInterval = std::chrono::milliseconds(200);

ProgressLine::ProgressLine(std::ostream& err, bool terminal, uint64_t runs_total, double every_s)
    : err_(err), terminal_(terminal), runs_total_(runs_total),
      log_every_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(every_s))),
      start_(Clock::now()), last_draw_(start_) {}

std::string ProgressLine::Format(uint64_t runs_done, uint64_t runs_total, uint64_t failures,
                                 uint64_t distinct, double elapsed_s) {
  const double rate = elapsed_s > 0 ? static_cast<double>(runs_done) / elapsed_s : 0;
  std::string runs = absl::StrFormat("%d runs", runs_done);
  if (runs_total > 0) {
    runs = absl::StrFormat("%d/%d runs (%.0f%%", runs_done, runs_total,
                           100.0 * static_cast<double>(runs_done) / static_cast<double>(runs_total));
    if (rate > 0 && runs_done < runs_total) {
      absl::StrAppendFormat(&runs, ", ETA %.0fs", static_cast<double>(runs_total - runs_done) / rate);
    }
    runs += ")";
  }
  return absl::StrFormat("%s  %.0f runs/s  %d failing  %.1fs  %d distinct interleavings", runs,
                         rate, failures, elapsed_s, distinct);
}

std::string ProgressLine::FormatLogLine(uint64_t runs_done, uint64_t runs_total,
                                        uint64_t failures, uint64_t distinct, double elapsed_s) {
  const double rate = elapsed_s > 0 ? static_cast<double>(runs_done) / elapsed_s : 0;
  std::string execs = absl::StrFormat("%d", runs_done);
  if (runs_total > 0) absl::StrAppendFormat(&execs, "/%d", runs_total);
  return absl::StrFormat("explore: elapsed %.0fs, execs %s (%.0f/s), failing %d, distinct %d",
                         elapsed_s, execs, rate, failures, distinct);
}

void ProgressLine::Update(uint64_t runs_done, uint64_t failures, uint64_t distinct) {
  UpdateWith([&](double elapsed, bool terminal) {
    return terminal ? Format(runs_done, runs_total_, failures, distinct, elapsed)
                    : FormatLogLine(runs_done, runs_total_, failures, distinct, elapsed);
  });
}

void ProgressLine::UpdateWith(
    const std::function<std::string(double elapsed_s, bool terminal)>& text) {
  std::lock_guard<std::mutex> lock(mu_);
  const Clock::time_point now = Clock::now();
  if (now - last_draw_ < (terminal_ ? Clock::duration(kRedrawInterval) : log_every_)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const std::string line = text(elapsed, terminal_);
  if (!terminal_) {
    err_ << line << "\n";
    err_.flush();
    return;
  }
  err_ << '\r' << line;
  if (line.size() < last_width_) err_ << std::string(last_width_ - line.size(), ' ');
  err_.flush();
  last_width_ = line.size();
}

void ProgressLine::Finish() {
  if (!terminal_) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (last_width_ == 0) return;
  err_ << '\r' << std::string(last_width_, ' ') << '\r';
  err_.flush();
  last_width_ = 0;
}

}  // namespace cli
