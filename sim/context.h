// Go's context package for simulated code: Background, WithCancel, WithTimeout,
// WithDeadline; Done, Err, Deadline. Cancellation reaches every descendant. As in Go,
// a deadline is enforced by a virtual-time timer whose callback runs in its own goroutine,
// so "the deadline fires first" versus "the value arrives first" is a scheduling choice.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <source_location>
#include <utility>

#include "absl/status/status.h"
#include "sim/chan.h"
#include "sim/time.h"

namespace sim {

namespace detail {
struct ContextState;
}

// Go's context.Canceled ("context canceled", absl code kCancelled).
absl::Status Canceled();
// Go's context.DeadlineExceeded ("context deadline exceeded", kDeadlineExceeded).
absl::Status DeadlineExceeded();

// A Go context.Context value: copies refer to the same context.
class Context {
 public:
  // context.Background(): never done, Done() is the nil channel.
  static Context Background();

  // A channel closed when the context is cancelled or its deadline passes; nil for
  // Background.
  Chan<Unit> Done() const;
  // OK until done; then Canceled() or DeadlineExceeded().
  absl::Status Err() const;
  std::optional<Instant> Deadline() const;
  bool operator==(const Context& o) const { return state_ == o.state_; }

  // For the runtime.
  explicit Context(std::shared_ptr<detail::ContextState> s) : state_(std::move(s)) {}
  const std::shared_ptr<detail::ContextState>& state() const { return state_; }

 private:
  std::shared_ptr<detail::ContextState> state_;
};

// Go's context.CancelFunc. Calling it more than once is harmless; it is a scheduling point.
using CancelFunc = std::function<void()>;

std::pair<Context, CancelFunc> WithCancel(const Context& parent,
                                          std::source_location loc = std::source_location::current());
std::pair<Context, CancelFunc> WithDeadline(const Context& parent, Instant deadline,
                                            std::source_location loc = std::source_location::current());
std::pair<Context, CancelFunc> WithTimeout(const Context& parent, Duration timeout,
                                           std::source_location loc = std::source_location::current());

}  // namespace sim
