// The failing path of POOLCHECK_CHECK (see sim/check.h), kept out of line and cold.
#include "sim/check.h"

#include <cstdio>
#include <cstdlib>

namespace sim::internal {

void CheckFailed(const char* file, int line, const char* condition, const char* message) {
  std::fprintf(stderr, "poolcheck: check failed at %s:%d: %s: %s\n", file, line, condition,
               message);
  std::fflush(stderr);
  std::abort();
}

}  // namespace sim::internal
