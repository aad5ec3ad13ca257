// End-to-end tests of pool-version names in the poolcheck binary: `list` shows exactly the
// rows of the pool-version table (model/sql/pool_version.h); --pool takes a version's name
// and its old alias alike; and a token saved before the rename (a corpus file, unchanged,
// naming "seed-parent") replays to the very report its new-name twin gives, byte for byte
// apart from the token each echoes.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cli/testing/run_binary.h"
#include "explore/corpus.h"
#include "gtest/gtest.h"
#include "model/sql/pool_version.h"
#include "sim/token.h"

namespace cli {
namespace {

using testing::BinaryRun;
using testing::RunPoolcheckBinary;

// The first word of each line of `list`'s "pool versions" section.
std::vector<std::string> ListedPoolNames(const std::string& list_out) {
  std::vector<std::string> names;
  bool in_section = false;
  for (absl::string_view line : absl::StrSplit(list_out, '\n')) {
    if (absl::StartsWith(line, "pool versions")) {
      in_section = true;
    } else if (in_section && absl::StartsWith(line, "  ")) {
      std::vector<std::string> words = absl::StrSplit(line, ' ', absl::SkipEmpty());
      names.push_back(words.front());
    } else if (in_section) {
      break;
    }
  }
  return names;
}

// The token a report prints ("token: <token>"), or "" if none.
std::string TokenLine(const std::string& report) {
  for (absl::string_view line : absl::StrSplit(report, '\n')) {
    if (absl::ConsumePrefix(&line, "token: ")) return std::string(line);
  }
  return "";
}

TEST(PoolNames, ListShowsExactlyTheRowsOfTheTable) {
  // Shows `list` names every row of the version table, in order, with its Go commit and
  // its old name, and nothing else.
  const BinaryRun run = RunPoolcheckBinary({"list"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::vector<std::string> rows;
  for (const model::sql::PoolVersionInfo& info : model::sql::AllPoolVersionInfos()) {
    rows.emplace_back(info.name);
    EXPECT_NE(run.out.find(absl::StrCat("Go ", info.go_commit, ", ", info.summary)),
              std::string::npos)
        << info.name;
    for (absl::string_view alias : info.aliases) {
      EXPECT_NE(run.out.find(absl::StrCat("also read as: ", alias)), std::string::npos) << alias;
    }
  }
  EXPECT_EQ(ListedPoolNames(run.out), rows) << run.out;
}

TEST(PoolNames, ThePoolFlagTakesOldAliasesAndPrintsNewNames) {
  // Shows `--pool seed-parent` (the old name) explores async-reset: the report names the
  // new name, and its failure line equals that of `--pool async-reset`. An unknown name is
  // exit 2 with one line listing the names.
  auto explore = [](const std::string& pool) {
    return RunPoolcheckBinary({"explore", "--scenario", "issue31480", "--pool", pool,
                               "--param", "clients=6", "--param", "max_open=3", "--param",
                               "max_idle=2", "--param", "capacity=1", "--strategy", "pct",
                               "--runs", "60", "--seed", "11"});
  };
  const BinaryRun old_name = explore("seed-parent");
  const BinaryRun new_name = explore("async-reset");
  ASSERT_EQ(old_name.exit_code, 1) << old_name.out << old_name.err;
  EXPECT_TRUE(absl::StartsWith(old_name.out, "FAIL I6 issue31480 pool=async-reset ")) << old_name.out;
  const std::string first_line = old_name.out.substr(0, old_name.out.find('\n'));
  EXPECT_TRUE(absl::StartsWith(new_name.out, first_line)) << new_name.out;
  const BinaryRun unknown = explore("parent");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "poolcheck: unknown pool version 'parent' (known: " +
                             model::sql::PoolVersionNameList() + ")\n");
}

TEST(PoolNames, AnOldNameCorpusTokenReplaysToItsNewNameTwinsReport) {
  // Shows a saved token that names its pool "seed-parent" (explore/corpus, unchanged)
  // replays with exit 1 and prints byte for byte what the same file with the token naming
  // "async-reset" prints, a report naming the pool async-reset, apart from the token line:
  // each echoes the token it was given, and the two differ only in the pool's name.
  const std::string original =
      testing::ReadWholeFile(explore::CorpusDir() + "/issue31480_minimal.token");
  std::vector<std::string> lines = absl::StrSplit(original, '\n');
  ASSERT_GE(lines.size(), 2u);
  absl::StatusOr<sim::ReplayToken> token = sim::DecodeToken(lines[1]);
  ASSERT_TRUE(token.ok()) << token.status();
  ASSERT_EQ(token->meta.at("pool"), "seed-parent");
  token->meta["pool"] = "async-reset";
  // Both replays read the same path, so the printed replay commands are the same too.
  const std::string path = testing::TempPath("saved.token");
  auto replay_file = [&path](const std::string& contents) {
    std::ofstream(path, std::ios::binary) << contents;
    return RunPoolcheckBinary({"replay", path});
  };
  const BinaryRun old_name = replay_file(original);
  const BinaryRun new_name = replay_file(lines[0] + "\n" + sim::EncodeToken(*token) + "\n");
  std::remove(path.c_str());
  ASSERT_EQ(old_name.exit_code, 1) << old_name.out << old_name.err;
  EXPECT_EQ(new_name.exit_code, 1);
  EXPECT_TRUE(absl::StartsWith(old_name.out, "FAIL I6 issue31480 pool=async-reset ")) << old_name.out;
  const std::string old_token = TokenLine(old_name.out);
  const std::string new_token = TokenLine(new_name.out);
  EXPECT_EQ(old_token, lines[1]);
  EXPECT_EQ(new_token, sim::EncodeToken(*token));
  EXPECT_EQ(absl::StrReplaceAll(old_name.out, {{old_token, new_token}}), new_name.out);
}

}  // namespace
}  // namespace cli
