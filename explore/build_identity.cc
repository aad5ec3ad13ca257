// The build identity: see build_identity.h. POOLCHECK_SOURCE_ID comes from the header the
// build regenerates before every build (explore/build_identity.cmake).
#include "explore/build_identity.h"

#include "absl/strings/str_cat.h"
#include "poolcheck_build_identity.inc"

#ifndef POOLCHECK_BUILD_TYPE
#define POOLCHECK_BUILD_TYPE "unknown build type"
#endif

namespace explore {

std::string SourceId() { return POOLCHECK_SOURCE_ID; }

std::string BuildIdentity() {
  return absl::StrCat("poolcheck ", SourceId(), " (", POOLCHECK_BUILD_TYPE, ")");
}

}  // namespace explore
