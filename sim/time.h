// Virtual time for simulated programs. Durations and instants are distinct types so that
// a bare integer can never be mistaken for a time; the simulated clock starts at a fixed
// epoch (Instant::Epoch()) and only the scheduler advances it.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace sim {

// A span of virtual time with nanosecond resolution (Go's time.Duration).
class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration Nanoseconds(int64_t n) { return Duration(n); }
  static constexpr Duration Microseconds(int64_t n) { return Duration(n * 1000); }
  static constexpr Duration Milliseconds(int64_t n) { return Duration(n * 1000 * 1000); }
  static constexpr Duration Seconds(int64_t n) { return Duration(n * 1000 * 1000 * 1000); }
  static constexpr Duration Zero() { return Duration(0); }

  constexpr int64_t nanoseconds() const { return ns_; }
  constexpr bool IsZero() const { return ns_ == 0; }

  constexpr Duration operator+(Duration o) const { return Duration(ns_ + o.ns_); }
  constexpr Duration operator-(Duration o) const { return Duration(ns_ - o.ns_); }
  constexpr Duration operator*(int64_t k) const { return Duration(ns_ * k); }
  constexpr Duration operator/(int64_t k) const { return Duration(ns_ / k); }
  constexpr Duration& operator+=(Duration o) { ns_ += o.ns_; return *this; }
  constexpr auto operator<=>(const Duration&) const = default;

  // Go-style rendering: "1.5s", "10ms", "250ns".
  std::string ToString() const;

 private:
  constexpr explicit Duration(int64_t ns) : ns_(ns) {}
  int64_t ns_ = 0;
};

// A point on the virtual clock (Go's time.Time). The default value is the zero Instant,
// which, as in Go, is before every instant the clock can show.
class Instant {
 public:
  constexpr Instant() = default;
  // The instant at which every simulated run starts.
  static constexpr Instant Epoch() { return Instant(kEpochNs); }
  static constexpr Instant FromNanoseconds(int64_t ns) { return Instant(ns); }

  constexpr int64_t nanoseconds() const { return ns_; }
  constexpr bool IsZero() const { return ns_ == 0; }
  constexpr Instant Add(Duration d) const { return Instant(ns_ + d.nanoseconds()); }
  constexpr Duration Sub(Instant o) const { return Duration::Nanoseconds(ns_ - o.ns_); }
  constexpr bool Before(Instant o) const { return ns_ < o.ns_; }
  constexpr bool After(Instant o) const { return ns_ > o.ns_; }
  constexpr auto operator<=>(const Instant&) const = default;

  // Time since the epoch, e.g. "+1.25s".
  std::string ToString() const;

 private:
  static constexpr int64_t kEpochNs = int64_t{1} << 40;
  constexpr explicit Instant(int64_t ns) : ns_(ns) {}
  int64_t ns_ = 0;
};

}  // namespace sim
