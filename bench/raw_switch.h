// The physical limit the harness is measured against: a bare scheduler loop over
// Boost.Context fibers (random pick, one trace append, switch there and back), with none of
// the harness's bookkeeping. Benchmark-only code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <boost/context/detail/fcontext.hpp>

#include "sim/strategies/prng.h"

namespace bench {

// `goroutines` fibers that each yield `yields` times; Run() schedules them to completion.
class RawSwitchLoop {
 public:
  RawSwitchLoop(size_t goroutines, uint32_t yields);
  ~RawSwitchLoop();
  RawSwitchLoop(const RawSwitchLoop&) = delete;
  RawSwitchLoop& operator=(const RawSwitchLoop&) = delete;

  // One full schedule; returns the scheduling decisions made.
  uint64_t Run(uint64_t seed);
  // The last run's trace of picked fiber ids (kept so the append is not optimised away).
  const std::vector<uint32_t>& trace() const { return trace_; }

 private:
  struct Fiber {
    boost::context::detail::fcontext_t context = nullptr;
    uint32_t remaining = 0;
    bool done = false;
    char* stack = nullptr;
  };
  static void Entry(boost::context::detail::transfer_t from);

  static constexpr size_t kStackBytes = 64 * 1024;
  uint32_t yields_;
  std::vector<Fiber> fibers_;
  std::vector<uint32_t> runnable_;
  std::vector<uint32_t> trace_;
  sim::Prng prng_;
};

}  // namespace bench
