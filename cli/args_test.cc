// Tests of the subcommand argument parser: values in both spellings, repeatable flags,
// positional counts, --help, and the one-line errors for everything else.
#include "cli/args.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace cli {
namespace {

constexpr FlagSpec kSpecs[] = {
    {"--runs", "N"}, {"--param", "K=V", true}, {"--json", ""}, {"-o", "FILE", false, "--output"}};

absl::StatusOr<ParsedArgs> Parse(std::vector<std::string> args, size_t min_pos = 0,
                                 size_t max_pos = 1) {
  return ParseArgs(args, kSpecs, min_pos, max_pos);
}

TEST(ParseArgs, ReadsValuesInBothSpellingsAndRepeatedFlagsInOrder) {
  // Shows "--flag value", "--flag=value", an alias, a bare boolean flag and a repeatable
  // flag all land where Get/All/Has find them, by parsing one command line.
  absl::StatusOr<ParsedArgs> a =
      Parse({"--runs", "10", "--param=a=1", "tok", "--param", "b=2", "--json", "--output", "f"});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->Get("--runs"), "10");
  EXPECT_EQ(a->All("--param"), (std::vector<std::string>{"a=1", "b=2"}));
  EXPECT_TRUE(a->Has("--json"));
  EXPECT_EQ(a->Get("-o"), "f");
  EXPECT_EQ(a->positional(), std::vector<std::string>{"tok"});
  EXPECT_FALSE(a->Has("--absent"));
  EXPECT_EQ(a->Get("--absent"), std::nullopt);
}

TEST(ParseArgs, RejectsUnknownMissingRepeatedAndMisusedFlagsInOneLine) {
  // Shows each kind of bad input is an InvalidArgument whose message is one line naming
  // the flag, by parsing one bad command line per kind.
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--bogus"}, "unknown flag '--bogus'"},
      {{"--runs"}, "flag --runs needs a value (N)"},
      {{"--runs", "1", "--runs", "2"}, "flag --runs given twice"},
      {{"--json=yes"}, "flag --json takes no value"},
      {{"a", "b"}, "too many arguments (expected at most 1, got 2)"},
  };
  for (const auto& [args, message] : cases) {
    absl::StatusOr<ParsedArgs> a = Parse(args);
    ASSERT_FALSE(a.ok()) << args[0];
    EXPECT_EQ(a.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(a.status().message(), message);
  }
  absl::StatusOr<ParsedArgs> missing = Parse({}, 1, 1);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "missing argument (expected 1, got 0)");
}

TEST(ParseArgs, HelpAnywhereWinsAndDoubleDashEndsFlags) {
  // Shows --help short-circuits even next to a bad flag, and words after "--" are
  // positional even when they start with '-', by parsing both.
  absl::StatusOr<ParsedArgs> help = Parse({"--bogus", "--help"});
  ASSERT_TRUE(help.ok());
  EXPECT_TRUE(help->help());
  absl::StatusOr<ParsedArgs> dashed = Parse({"--", "-weird"});
  ASSERT_TRUE(dashed.ok()) << dashed.status();
  EXPECT_EQ(dashed->positional(), std::vector<std::string>{"-weird"});
}

}  // namespace
}  // namespace cli
