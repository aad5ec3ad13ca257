// Rendering of virtual time (see sim/time.h) in Go's time.Duration.String format:
// "0s", "250ns", "1.5µs", "10ms", "1.5s", "2m3s", "1h0m0.5s".
#include "sim/time.h"

#include <cstdint>
#include <string>

namespace sim {
namespace {

// "<whole>[.<fraction without trailing zeros>]" for value / 10^digits.
std::string Decimal(uint64_t value, int digits) {
  uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  std::string out = std::to_string(value / scale);
  uint64_t frac = value % scale;
  if (frac == 0) return out;
  std::string frac_text = std::to_string(frac);
  frac_text.insert(0, static_cast<size_t>(digits) - frac_text.size(), '0');
  while (frac_text.back() == '0') frac_text.pop_back();
  return out + "." + frac_text;
}

std::string FormatMagnitude(uint64_t ns) {
  constexpr uint64_t kMicro = 1000, kMilli = 1000 * kMicro, kSecond = 1000 * kMilli;
  if (ns == 0) return "0s";
  if (ns < kMicro) return std::to_string(ns) + "ns";
  if (ns < kMilli) return Decimal(ns, 3) + "\u00b5s";
  if (ns < kSecond) return Decimal(ns, 6) + "ms";
  const uint64_t total_seconds = ns / kSecond;
  const uint64_t minutes = total_seconds / 60, hours = minutes / 60;
  std::string seconds = Decimal(ns % (60 * kSecond), 9) + "s";
  if (minutes == 0) return seconds;
  std::string with_minutes = std::to_string(minutes % 60) + "m" + seconds;
  if (hours == 0) return with_minutes;
  return std::to_string(hours) + "h" + with_minutes;
}

}  // namespace

std::string Duration::ToString() const {
  if (ns_ < 0) return "-" + FormatMagnitude(static_cast<uint64_t>(0) - static_cast<uint64_t>(ns_));
  return FormatMagnitude(static_cast<uint64_t>(ns_));
}

std::string Instant::ToString() const {
  if (IsZero()) return "(zero instant)";
  const Duration since_epoch = Sub(Epoch());
  if (since_epoch < Duration::Zero()) return since_epoch.ToString();
  return "+" + since_epoch.ToString();
}

}  // namespace sim
