// Tests of the text lane renderer on a hand-built trace: each event's text sits in its own
// goroutine's column, rows follow step order, lanes can be chosen, and cells are cut
// without splitting UTF-8 characters.
#include "cli/render/text_lanes.h"

#include "absl/strings/str_split.h"
#include "cli/testing/sample_trace.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

// The byte offset where each lane's cell starts, read from the header's '|' separators.
std::vector<size_t> LaneStarts(const std::string& header) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == '|') starts.push_back(i + 1);
  }
  starts.pop_back();  // the closing '|'
  return starts;
}

TEST(TextLanes, EachEventSitsInItsGoroutinesColumn) {
  // Shows the header names the lanes (timers first, then g0..g2), and a few events land in
  // the right column: client 1's block in lane g2, the pool annotation in lane g1, the
  // timer in the timers lane.
  const std::string text = RenderTextLanes(testing::SampleTrace(), TextLanesOptions{});
  const std::vector<std::string> lines = absl::StrSplit(text, '\n');
  ASSERT_GE(lines.size(), 3u);
  const std::vector<size_t> starts = LaneStarts(lines[0]);
  ASSERT_EQ(starts.size(), 4u);
  EXPECT_EQ(lines[0].substr(starts[0], 6), "timers");
  EXPECT_EQ(lines[0].substr(starts[2], 11), "g1 client 0");
  auto row_with = [&](const std::string& needle) {
    for (const std::string& l : lines) {
      if (l.find(needle) != std::string::npos) return l;
    }
    return std::string();
  };
  EXPECT_EQ(row_with("block chan receive").find("block chan receive"), starts[3]);
  EXPECT_EQ(row_with("pool: conn#2").find("pool: conn#2"), starts[2]);
  EXPECT_EQ(row_with("timer 0 fires").find("timer 0 fires"), starts[0]);
  // Rows are in step order: the step column never decreases.
  uint64_t last_step = 0;
  for (size_t i = 2; i + 1 < lines.size(); ++i) {
    const uint64_t step = std::stoull(lines[i].substr(0, 8));
    EXPECT_GE(step, last_step);
    last_step = step;
  }
  EXPECT_EQ(text.find("| run"), std::string::npos);  // switches hidden by default
}

TEST(TextLanes, ChosenLanesOnlyAndOptionalRunRows) {
  // Shows --goroutines keeps only the chosen lanes (events of others are dropped) and
  // show_runs adds the switch rows.
  TextLanesOptions options;
  options.goroutines = {2};
  options.show_runs = true;
  const std::string text = RenderTextLanes(testing::SampleTrace(), options);
  EXPECT_NE(text.find("g2 client 1"), std::string::npos);
  EXPECT_EQ(text.find("g1 client 0"), std::string::npos);
  EXPECT_EQ(text.find("pool: conn#2"), std::string::npos);
  EXPECT_NE(text.find("|run"), std::string::npos);
}

TEST(FitCell, PadsCutsAndRespectsUtf8) {
  // Shows short text is padded to the width, long text is cut with '~', and a multi-byte
  // character ("µ") counts as one column and is never split.
  EXPECT_EQ(FitCell("ab", 4), "ab  ");
  EXPECT_EQ(FitCell("abcdef", 4), "abc~");
  EXPECT_EQ(FitCell("1\xc2\xb5s", 3), "1\xc2\xb5s");
  EXPECT_EQ(FitCell("\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5", 3), "\xc2\xb5\xc2\xb5~");
}

}  // namespace
}  // namespace cli
