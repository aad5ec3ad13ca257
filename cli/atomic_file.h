// Files poolcheck writes (tokens, failure files, JUnit, JSON, traces) are written
// atomically: the contents go to a temporary file beside the target, which is then renamed
// (or linked) into place, so a kill mid-write never leaves a truncated file where an older
// one was. Errors are absl::UnavailableError naming the path and the reason; callers print
// their finding before reporting them (see command.h: exit code 5).
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace cli {

// Writes `contents` to `path`, replacing any file there, atomically.
absl::Status WriteFileAtomically(const std::string& path, const std::string& contents);

enum class NewFileResult {
  kWritten,        // the file did not exist and now holds `contents`
  kAlreadyThere,   // a file with exactly `contents` was there already; left as it was
};

// Writes `contents` to `path` atomically, but never replaces an existing file: if `path`
// exists with other contents the result is AlreadyExistsError (nothing is written).
absl::StatusOr<NewFileResult> WriteNewFileAtomically(const std::string& path,
                                                     const std::string& contents);

}  // namespace cli
