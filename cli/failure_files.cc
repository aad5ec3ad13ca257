// The failures directory: see failure_files.h.
#include "cli/failure_files.h"

#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "cli/token_input.h"

namespace cli {
namespace {

// File names keep to letters, digits, '-', '_' and '.'.
std::string Safe(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    out.push_back(ok ? c : '_');
  }
  return out;
}

uint64_t Fnv64(const std::string& text) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

}  // namespace

std::string FailureFileName(const std::string& failure_id, const std::string& scenario,
                            const std::string& token_text) {
  return absl::StrCat(Safe(failure_id), "-", Safe(scenario), "-",
                      absl::Hex(Fnv64(token_text), absl::kZeroPad16), ".token");
}

absl::StatusOr<std::string> WriteFailureFile(const std::string& dir,
                                             const std::string& failure_id,
                                             const std::string& scenario,
                                             const std::string& comment,
                                             const std::string& token_text) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot create failures directory '", dir, "': ", ec.message()));
  }
  const std::string path =
      (std::filesystem::path(dir) / FailureFileName(failure_id, scenario, token_text)).string();
  if (absl::Status s = SaveTokenFile(path, comment, token_text); !s.ok()) return s;
  return path;
}

}  // namespace cli
