// Replay tokens on the command line and on disk: an argument is either the token itself or
// the path of a token file (what --save-failure writes: '#' comment lines, then the token on
// one line). Every way this can go wrong is a one-line error.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sim/token.h"

namespace cli {

struct LoadedToken {
  sim::ReplayToken token;
  std::string text;        // the token as text
  std::string replay_arg;  // what a replay command passes: the file path, or the token
};

// Decodes `arg` as a token if it looks like one ("pc<digits>."), else reads it as a file.
absl::StatusOr<LoadedToken> LoadToken(const std::string& arg);

// Writes a token file: `comment` lines (each prefixed with "# "), then the token. Never
// replaces an existing file (AlreadyExists unless it already holds exactly this); written
// atomically (cli/atomic_file.h).
absl::Status SaveTokenFile(const std::string& path, const std::string& comment,
                           const std::string& token_text);

// Writes `contents` to `path` atomically (replacing it); errors (Unavailable) name the path.
absl::Status WriteTextFile(const std::string& path, const std::string& contents);

}  // namespace cli
