// A run's trace as text with one column (lane) per goroutine, one row per event, rows in
// step order with the step number and virtual time at the left: the interleaving read top
// to bottom, who did what read left to right. Reads only sim/trace.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/trace.h"

namespace cli {

struct TextLanesOptions {
  size_t lane_width = 26;           // characters per lane, separator included
  std::vector<uint32_t> goroutines; // lanes to show (empty: every goroutine)
  bool show_runs = false;           // also a row for each switch to another goroutine
};

std::string RenderTextLanes(const sim::Trace& trace, const TextLanesOptions& options);

// `text` cut or padded to exactly `width` display characters (UTF-8 aware; a cut text ends
// in '~').
std::string FitCell(const std::string& text, size_t width);

}  // namespace cli
