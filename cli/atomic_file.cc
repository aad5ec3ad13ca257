// Atomic file writes: see atomic_file.h.
#include "cli/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace cli {
namespace {

absl::Status WriteError(const std::string& path, int error) {
  return absl::UnavailableError(absl::StrCat("cannot write '", path, "': ", std::strerror(error)));
}

// A temporary name in the same directory as `path` (so a rename stays on one filesystem).
std::string TempNameFor(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  return absl::StrCat(path, ".tmp.", getpid(), ".", counter.fetch_add(1));
}

// Creates `temp` with `contents`, flushed to disk. Returns errno, 0 on success.
int WriteTemp(const std::string& temp, const std::string& contents) {
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return errno;
  const char* p = contents.data();
  size_t left = contents.size();
  int error = 0;
  while (left > 0) {
    const ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = n < 0 ? errno : EIO;
      break;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (error == 0 && fsync(fd) != 0 && errno != EINVAL) error = errno;
  if (close(fd) != 0 && error == 0) error = errno;
  if (error != 0) unlink(temp.c_str());
  return error;
}

bool FileHolds(const std::string& path, const std::string& contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  return in.good() || in.eof() ? s.str() == contents : false;
}

}  // namespace

absl::Status WriteFileAtomically(const std::string& path, const std::string& contents) {
  const std::string temp = TempNameFor(path);
  if (const int error = WriteTemp(temp, contents); error != 0) return WriteError(path, error);
  if (rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    unlink(temp.c_str());
    return WriteError(path, error);
  }
  return absl::OkStatus();
}

absl::StatusOr<NewFileResult> WriteNewFileAtomically(const std::string& path,
                                                     const std::string& contents) {
  const std::string temp = TempNameFor(path);
  if (const int error = WriteTemp(temp, contents); error != 0) return WriteError(path, error);
  // link() fails with EEXIST instead of replacing: no existing file is ever overwritten.
  const int linked = link(temp.c_str(), path.c_str()) == 0 ? 0 : errno;
  unlink(temp.c_str());
  if (linked == 0) return NewFileResult::kWritten;
  if (linked != EEXIST) return WriteError(path, linked);
  if (FileHolds(path, contents)) return NewFileResult::kAlreadyThere;
  return absl::AlreadyExistsError(absl::StrCat(
      "'", path, "' already exists with other contents; not overwritten (remove it or choose "
      "another name)"));
}

}  // namespace cli
