// Go's select statement. Cases are added in source order; Wait() returns the index of the
// case that ran, or Select::kDefault. When several cases are ready, which one runs is a
// recorded choice of the strategy (Go picks uniformly at random). Nil channels are never
// ready. Usage:
//   sim::Select s;
//   s.Recv(ctx.Done());                 // case 0
//   s.RecvOk(req, &ret, &ok);           // case 1
//   switch (s.Wait()) { ... }
#pragma once

#include <functional>
#include <source_location>
#include <vector>

#include "sim/chan.h"

namespace sim {

namespace detail {

struct SelectCase {
  ChanCore* core = nullptr;  // nullptr: nil channel, never ready
  bool is_send = false;
  void* value = nullptr;     // send: the value to send; recv: where to store (may be a temp)
  bool* ok = nullptr;        // recv: receives ok, may be null
};

// Runs the select; returns the case index or -1 for default.
int RunSelect(std::vector<SelectCase>& cases, bool has_default, std::source_location loc);

}  // namespace detail

class Select {
 public:
  static constexpr int kDefault = -1;

  // A receive case; the value (if wanted) is stored in *out, ok in *ok.
  template <typename T>
  Select& Recv(const Chan<T>& ch, T* out = nullptr) {
    return RecvOk(ch, out, nullptr);
  }

  template <typename T>
  Select& RecvOk(const Chan<T>& ch, T* out, bool* ok) {
    void* dst = out;
    if (dst == nullptr) {
      auto scratch = std::make_shared<T>();
      dst = scratch.get();
      scratch_.push_back(std::move(scratch));
    }
    cases_.push_back({ch.core(), false, dst, ok});
    return *this;
  }

  // A send case; the value is moved into the channel only if this case runs.
  template <typename T>
  Select& Send(const Chan<T>& ch, T value) {
    auto held = std::make_shared<T>(std::move(value));
    cases_.push_back({ch.core(), true, held.get(), nullptr});
    scratch_.push_back(std::move(held));
    return *this;
  }

  Select& Default() {
    has_default_ = true;
    return *this;
  }

  int Wait(std::source_location loc = std::source_location::current()) {
    return detail::RunSelect(cases_, has_default_, loc);
  }

 private:
  std::vector<detail::SelectCase> cases_;
  std::vector<std::shared_ptr<void>> scratch_;
  bool has_default_ = false;
};

}  // namespace sim
