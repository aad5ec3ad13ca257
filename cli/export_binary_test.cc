// End-to-end tests of `poolcheck export` through the built binary: a scenario and a
// token export as one line of JSON naming what they came from; --run adds the C++
// outcome; bad input (no source, two sources, --param without --scenario, a malformed
// token, an unknown scenario, --run on a workload with timeouts) is one stderr line and
// exit 2; -o never replaces an existing different file.
#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "cli/json_reader.h"
#include "explore/workload_codec.h"
#include "scenarios/ops.h"
#include "cli/testing/run_binary.h"
#include "cli/testing/sample_token.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using testing::BinaryRun;
using testing::RunPoolcheckBinary;

int Lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST(ExportBinary, ScenarioAndTokenExportAsOneJsonLine) {
  // Shows export of a scenario (with a parameter and a pool) and of a token each print
  // exactly one line that parses as a case naming the scenario, with the pool asked for
  // and no "cpp" outcome; with --run the case also has the C++ outcome.
  BinaryRun scenario = RunPoolcheckBinary(
      {"export", "--scenario", "issue31480", "--param", "clients=3", "--pool", "async-reset"});
  ASSERT_EQ(scenario.exit_code, 0) << scenario.err;
  EXPECT_EQ(Lines(scenario.out), 1);
  std::optional<JsonValue> doc = JsonParser::Parse(scenario.out);
  ASSERT_TRUE(doc.has_value()) << scenario.out;
  EXPECT_EQ((*doc)["workload"]["name"].string, "issue31480");
  EXPECT_EQ((*doc)["workload"]["pool"]["version"].string, "async-reset");
  EXPECT_EQ((*doc)["workload"]["clients"].array.size(), 3u);
  EXPECT_FALSE(doc->Has("cpp"));

  BinaryRun token = RunPoolcheckBinary(
      {"export", sim::EncodeToken(testing::SampleToken("sync-reset"))});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  doc = JsonParser::Parse(token.out);
  ASSERT_TRUE(doc.has_value()) << token.out;
  EXPECT_EQ((*doc)["workload"]["name"].string, "issue31480");
  EXPECT_EQ((*doc)["workload"]["pool"]["version"].string, "sync-reset");

  BinaryRun run = RunPoolcheckBinary(
      {"export", "--scenario", "lifetime_expiry", "--pool", "sync-reset", "--run"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  doc = JsonParser::Parse(run.out);
  ASSERT_TRUE(doc.has_value()) << run.out;
  ASSERT_TRUE(doc->Has("cpp"));
  EXPECT_GT((*doc)["cpp"]["calls"].array.size(), 4u);
  EXPECT_EQ((*doc)["cpp"]["run_failure"].string, "");
}

TEST(ExportBinary, BadInputIsOneLineAndExitTwo) {
  // Shows each kind of bad input ends with exit 2, one stderr line starting "poolcheck: ",
  // and nothing on stdout.
  const std::vector<std::vector<std::string>> bad = {
      {"export"},
      {"export", "pc1.garbage", "--scenario", "issue31480"},
      {"export", "pc1.garbage"},
      {"export", "--scenario", "no_such_scenario"},
      {"export", "--scenario", "issue31480", "--param", "nope=1"},
      {"export", sim::EncodeToken(testing::SampleToken("sync-reset")), "--pool", "sync-reset"},
      {"export", "--scenario", "tx_cancel", "--run"},
      {"export", "--scenario", "issue31480", "--pool", "no-such-pool"},
  };
  for (const auto& args : bad) {
    BinaryRun r = RunPoolcheckBinary(args);
    EXPECT_EQ(r.exit_code, 2) << args.back() << ": " << r.err;
    EXPECT_EQ(Lines(r.err), 1) << r.err;
    EXPECT_TRUE(absl::StartsWith(r.err, "poolcheck: ")) << r.err;
    EXPECT_EQ(r.out, "");
  }
  BinaryRun timeouts = RunPoolcheckBinary({"export", "--scenario", "tx_cancel", "--run"});
  EXPECT_TRUE(absl::StrContains(timeouts.err, "--run: ")) << timeouts.err;
  EXPECT_TRUE(absl::StrContains(timeouts.err, "real Go")) << timeouts.err;
}

// A token of a generated workload holding `op` (one client, one op, on sync-reset).
std::string WorkloadTokenWith(const scenarios::Op& op) {
  scenarios::Workload w;
  w.clients.push_back(scenarios::Client{});
  w.clients[0].ops.push_back(op);
  absl::StatusOr<std::string> text = explore::EncodeWorkload(w);
  EXPECT_TRUE(text.ok()) << text.status();
  sim::ReplayToken t = testing::SampleToken("sync-reset");
  t.meta = {{"scenario", "workload"}, {"pool", "sync-reset"}, {"workload", text.value_or("")}};
  return sim::EncodeToken(t);
}

TEST(ExportBinary, AnOpTheGoProgramCannotRunIsRefusedNotCrashed) {
  // Shows a generated workload using what the differential format cannot carry (an op kind
  // added since, or a paused Prepare) is refused with exit 2 and one line naming the op,
  // with or without --run. Before the check, export indexed a name table past its end and
  // died with SIGSEGV on the first such token (a ten-minute fuzz finding's).
  scenarios::Op paused = scenarios::ops::Prepare("NOOP");
  paused.pause = sim::Duration::Milliseconds(1);
  for (const scenarios::Op& op : {scenarios::ops::SetConnMaxLifetime(sim::Duration::Milliseconds(5)), paused}) {
    const std::string token = WorkloadTokenWith(op);
    for (bool run : {false, true}) {
      std::vector<std::string> args = {"export", token};
      if (run) args.push_back("--run");
      BinaryRun r = RunPoolcheckBinary(args);
      EXPECT_EQ(r.exit_code, 2) << op.Show() << ": " << r.err;
      EXPECT_EQ(Lines(r.err), 1) << r.err;
      EXPECT_TRUE(absl::StrContains(r.err, "client 0 op 0")) << r.err;
      EXPECT_EQ(r.out, "");
    }
  }
  // The same workload without the op exports.
  BinaryRun plain = RunPoolcheckBinary({"export", WorkloadTokenWith(scenarios::ops::Exec("NOOP"))});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
}

TEST(ExportBinary, OutputFileIsNeverReplaced) {
  // Shows -o writes the case to a new file; writing the same case again is fine, but a
  // different case onto it is refused (exit 5) and leaves the file as it was.
  const std::string path = testing::TempPath("case.json");
  BinaryRun first = RunPoolcheckBinary({"export", "--scenario", "issue31480", "-o", path});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string written = testing::ReadWholeFile(path);
  ASSERT_TRUE(JsonParser::Parse(written).has_value()) << written;
  EXPECT_EQ(RunPoolcheckBinary({"export", "--scenario", "issue31480", "-o", path}).exit_code, 0);
  BinaryRun other = RunPoolcheckBinary({"export", "--scenario", "lifetime_expiry", "-o", path});
  EXPECT_EQ(other.exit_code, 5) << other.err;
  EXPECT_EQ(Lines(other.err), 1) << other.err;
  EXPECT_EQ(testing::ReadWholeFile(path), written);
}

}  // namespace
}  // namespace cli
