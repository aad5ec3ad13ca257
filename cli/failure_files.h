// Every failing run explore finds is kept on disk by default: one token file per distinct
// failure in a failures directory (./poolcheck-failures unless --failures-dir), named by
// its content (invariant, scenario and a hash of the token), so rerunning the same
// exploration finds the same file already there and a different failure never replaces
// it (cli/atomic_file.h: written atomically, never overwriting).
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace cli {

// "I6-issue31480-0123456789abcdef.token": the file name for a failure's token.
std::string FailureFileName(const std::string& failure_id, const std::string& scenario,
                            const std::string& token_text);

// Writes the token (after `comment` lines) to dir/FailureFileName(...), creating `dir` if
// needed; returns the path. An identical file already there is success.
absl::StatusOr<std::string> WriteFailureFile(const std::string& dir,
                                             const std::string& failure_id,
                                             const std::string& scenario,
                                             const std::string& comment,
                                             const std::string& token_text);

}  // namespace cli
