// Loading and saving replay tokens: see token_input.h.
#include "cli/token_input.h"

#include "cli/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "sim/strategy_registry.h"

namespace cli {
namespace {

// A token of the longest run explore stores (explore::kMaxTokenChoices) is well under
// 1 MB; a bigger file is not a token file.
constexpr std::uintmax_t kMaxTokenFileBytes = std::uintmax_t{16} << 20;

// "pc" followed by at least one digit and a '.': meant as a token, even if a broken one.
bool LooksLikeToken(const std::string& arg) {
  const absl::string_view s = absl::StripAsciiWhitespace(arg);
  if (s.substr(0, 2) != "pc" || s.size() < 4 || !absl::ascii_isdigit(s[2])) return false;
  const size_t dot = s.find('.');
  return dot != absl::string_view::npos &&
         s.substr(2, dot - 2).find_first_not_of("0123456789") == absl::string_view::npos;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::error_code ec;
  const bool regular = std::filesystem::is_regular_file(path, ec);
  if (!regular) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", path, "' is neither a replay token (pc1...) nor a readable file"));
  }
  if (std::filesystem::file_size(path, ec) > kMaxTokenFileBytes || ec) {
    return absl::InvalidArgumentError(absl::StrCat("'", path, "' is too large for a token file"));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read '", path, "': ", std::strerror(errno)));
  }
  return contents.str();
}

// The first line that is neither blank nor a '#' comment.
std::string TokenLine(const std::string& contents) {
  for (absl::string_view line : absl::StrSplit(contents, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty() && line[0] != '#') return std::string(line);
  }
  return "";
}

}  // namespace

absl::StatusOr<LoadedToken> LoadToken(const std::string& arg) {
  LoadedToken loaded;
  if (LooksLikeToken(arg)) {
    loaded.text = std::string(absl::StripAsciiWhitespace(arg));
    loaded.replay_arg = loaded.text;
  } else {
    absl::StatusOr<std::string> contents = ReadFile(arg);
    if (!contents.ok()) return contents.status();
    loaded.text = TokenLine(*contents);
    loaded.replay_arg = arg;
    if (loaded.text.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("'", arg, "' holds no replay token"));
    }
  }
  absl::StatusOr<sim::ReplayToken> token = sim::DecodeToken(loaded.text);
  if (!token.ok()) {
    if (loaded.replay_arg == loaded.text) return token.status();
    return absl::InvalidArgumentError(absl::StrCat("in '", arg, "': ", token.status().message()));
  }
  // A token naming a strategy this build does not know is rejected, never replayed with
  // the bogus name shown in its report.
  if (absl::StatusOr<std::unique_ptr<sim::Strategy>> s = sim::MakeStrategy(token->strategy);
      !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "replay token names an unknown strategy '", token->strategy.substr(0, 40), "'"));
  }
  loaded.token = *std::move(token);
  return loaded;
}

absl::Status WriteTextFile(const std::string& path, const std::string& contents) {
  return WriteFileAtomically(path, contents);
}

absl::Status SaveTokenFile(const std::string& path, const std::string& comment,
                           const std::string& token_text) {
  std::string contents;
  for (absl::string_view line : absl::StrSplit(comment, '\n', absl::SkipEmpty())) {
    absl::StrAppend(&contents, "# ", line, "\n");
  }
  absl::StrAppend(&contents, token_text, "\n");
  absl::StatusOr<NewFileResult> written = WriteNewFileAtomically(path, contents);
  return written.status();
}

}  // namespace cli
