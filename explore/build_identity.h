// Which build of poolcheck this is: the source commit (git describe, "-dirty" when the tree
// had uncommitted changes) captured at build time, plus the build type. Tokens carry it
// (metadata key "build") and --version and the JSON summary print it, so a token that does
// not replay on another build can say which build made it. It never influences a run.
#pragma once

#include <string>

namespace explore {

// "poolcheck <source id> (<build type>)", e.g. "poolcheck def3f53a1b2c-dirty (Release)".
std::string BuildIdentity();
// The source id alone, as stored in tokens ("def3f53a1b2c-dirty"; "unknown" outside git).
std::string SourceId();

}  // namespace explore
