// Tests of reading tokens from the command line and from files, and of the one-line errors
// for everything that is not a usable token.
#include "cli/token_input.h"

#include <fstream>

#include "cli/testing/run_binary.h"
#include "cli/testing/sample_token.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using testing::SampleToken;

TEST(LoadToken, ReadsATokenArgumentAndASavedFileAlike) {
  // Shows a token given directly and the same token saved with comments by SaveTokenFile
  // decode to the same token; the replay argument is the token or the file's path.
  const std::string text = sim::EncodeToken(SampleToken());
  absl::StatusOr<LoadedToken> direct = LoadToken("  " + text + "\n");
  ASSERT_TRUE(direct.ok()) << direct.status();
  EXPECT_EQ(direct->replay_arg, text);
  EXPECT_EQ(direct->token.run_seed, 99u);

  const std::string path = testing::TempPath("token");
  ASSERT_TRUE(SaveTokenFile(path, "FAIL I6 ...\nreplay: poolcheck replay f", text).ok());
  EXPECT_EQ(testing::ReadWholeFile(path),
            "# FAIL I6 ...\n# replay: poolcheck replay f\n" + text + "\n");
  absl::StatusOr<LoadedToken> from_file = LoadToken(path);
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  EXPECT_EQ(from_file->replay_arg, path);
  EXPECT_EQ(from_file->text, text);
  EXPECT_EQ(from_file->token.choices, SampleToken().choices);
}

TEST(LoadToken, EveryBadInputIsOneLineInvalidArgument) {
  // Shows truncated, edited, foreign-prefix and future-version tokens, a missing file, a
  // directory and a file without a token each give an InvalidArgument of one line.
  const std::string text = sim::EncodeToken(SampleToken());
  std::string edited = text;
  edited[6] = edited[6] == 'A' ? 'B' : 'A';
  const std::string empty_file = testing::TempPath("empty");
  std::ofstream(empty_file) << "# only a comment\n";
  const std::vector<std::string> bad = {
      text.substr(0, text.size() / 2), edited, "xx" + text.substr(2),
      "pc9" + text.substr(3), "/nonexistent/token", ::testing::TempDir(), empty_file, ""};
  for (const std::string& arg : bad) {
    absl::StatusOr<LoadedToken> t = LoadToken(arg);
    ASSERT_FALSE(t.ok()) << arg;
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument) << arg;
    EXPECT_EQ(t.status().message().find('\n'), absl::string_view::npos) << arg;
  }
  EXPECT_NE(LoadToken("pc9" + text.substr(3)).status().message().find("version 9"),
            absl::string_view::npos);
}

}  // namespace
}  // namespace cli
