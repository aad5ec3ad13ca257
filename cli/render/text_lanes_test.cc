// Tests of the text lane renderer on a hand-built trace: each event's text sits in its own
// goroutine's column, rows follow step order, lanes can be chosen, long events wrap onto
// continuation lines instead of being cut, and titles are cut without splitting UTF-8
// characters.
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

TEST(TextLanes, ALongEventWrapsAndIsNeverCut) {
  // Shows an event longer than its lane (the decisive "marked bad by full resetterCh" that
  // a cut cell used to hide) wraps onto continuation rows with blank step and time columns:
  // every word of it is in the output, no cell ends in the cut mark '~'.
  sim::Trace trace = testing::SampleTrace();
  trace.events[5].text = "putConn conn#2 marked bad by full resetterCh";
  TextLanesOptions options;
  options.lane_width = 16;
  const std::string text = RenderTextLanes(trace, options);
  EXPECT_EQ(text.find('~'), std::string::npos) << text;
  std::string lane_g1;  // the text of lane g1, continuation rows included
  const std::vector<std::string> lines = absl::StrSplit(text, '\n');
  const size_t start = LaneStarts(lines[0])[2];
  int continuation_rows = 0;
  for (size_t i = 2; i < lines.size(); ++i) {
    if (lines[i].size() <= start) continue;
    const std::string cell = lines[i].substr(start, 15);
    if (cell.find_first_not_of(' ') == std::string::npos) continue;
    lane_g1 += cell;
    if (lines[i].substr(0, 21).find_first_not_of(' ') == std::string::npos) ++continuation_rows;
  }
  EXPECT_GE(continuation_rows, 2) << text;
  for (const char* word : {"putConn", "conn#2", "marked", "bad", "full", "resetterCh"}) {
    EXPECT_NE(lane_g1.find(word), std::string::npos) << word << "\n" << text;
  }
}

TEST(WrapCell, BreaksAtSpacesKeepsEveryCharacterAndPads) {
  // Shows lines break after a space, a word longer than the width is split, every line is
  // padded to the width, UTF-8 characters stay whole, and no character is lost.
  EXPECT_EQ(WrapCell("ab cd ef", 5), (std::vector<std::string>{"ab cd", " ef  "}));
  EXPECT_EQ(WrapCell("abc def", 5), (std::vector<std::string>{"abc  ", "def  "}));
  EXPECT_EQ(WrapCell("abcdefgh", 3), (std::vector<std::string>{"abc", "def", "gh "}));
  EXPECT_EQ(WrapCell("\xc2\xb5\xc2\xb5\xc2\xb5", 2),
            (std::vector<std::string>{"\xc2\xb5\xc2\xb5", "\xc2\xb5 "}));
  EXPECT_EQ(WrapCell("", 3), (std::vector<std::string>{"   "}));
  EXPECT_EQ(WrapCell("putConn conn#2 marked", 8),
            (std::vector<std::string>{"putConn ", "conn#2  ", "marked  "}));
}

}  // namespace
}  // namespace cli
