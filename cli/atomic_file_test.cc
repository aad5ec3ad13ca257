// Tests of atomic file writes (cli/atomic_file.h): a replacing write leaves the new
// contents and no temporary file behind; a never-overwriting write refuses a file with
// other contents (leaving it intact), accepts one with the same contents, and both report
// an unwritable place as Unavailable naming the path.
#include "cli/atomic_file.h"

#include <filesystem>

#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

size_t EntriesIn(const std::string& dir) {
  return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                           std::filesystem::directory_iterator{}));
}

TEST(AtomicFile, ReplacesAtomicallyWithoutLeftovers) {
  // Shows WriteFileAtomically replaces old contents and leaves only the target file.
  const std::string dir = testing::TempPath("atomic_dir");
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/out.txt";
  ASSERT_TRUE(WriteFileAtomically(path, "old").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "new contents").ok());
  EXPECT_EQ(testing::ReadWholeFile(path), "new contents");
  EXPECT_EQ(EntriesIn(dir), 1u);
}

TEST(AtomicFile, NewFilesNeverOverwrite) {
  // Shows WriteNewFileAtomically writes a new file, accepts the same contents again, and
  // refuses (AlreadyExists) a file with other contents, which keeps them.
  const std::string dir = testing::TempPath("new_dir");
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/token";
  EXPECT_EQ(*WriteNewFileAtomically(path, "A"), NewFileResult::kWritten);
  EXPECT_EQ(*WriteNewFileAtomically(path, "A"), NewFileResult::kAlreadyThere);
  absl::StatusOr<NewFileResult> other = WriteNewFileAtomically(path, "B");
  EXPECT_EQ(other.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(testing::ReadWholeFile(path), "A");
  EXPECT_EQ(EntriesIn(dir), 1u);
}

TEST(AtomicFile, UnwritablePlacesAreUnavailableNamingThePath) {
  // Shows a missing directory and a full device are Unavailable errors naming the path.
  absl::Status missing = WriteFileAtomically("/nonexistent/dir/x", "data");
  EXPECT_EQ(missing.code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(missing.message().find("'/nonexistent/dir/x'"), absl::string_view::npos);
  EXPECT_EQ(WriteNewFileAtomically("/nonexistent/dir/y", "data").status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace cli
