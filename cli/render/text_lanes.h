// A run's trace as text with one column (lane) per goroutine, one row per event, rows in
// step order with the step number and virtual time at the left: the interleaving read top
// to bottom, who did what read left to right. A cell too long for its lane wraps onto
// continuation lines (step and time left blank), so no event is ever cut. Reads only
// sim/trace.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/trace.h"

namespace cli {

struct TextLanesOptions {
  size_t lane_width = 34;           // characters per lane, separator included
  std::vector<uint32_t> goroutines; // lanes to show, in this order (empty: every goroutine)
  bool show_runs = false;           // also a row for each switch to another goroutine
};

std::string RenderTextLanes(const sim::Trace& trace, const TextLanesOptions& options);

// `text` cut or padded to exactly `width` display characters (UTF-8 aware; a cut text ends
// in '~'). Used for lane titles only; event cells wrap (WrapCell).
std::string FitCell(const std::string& text, size_t width);

// `text` split into lines of at most `width` display characters, each padded to `width`:
// breaks after a space where one falls in the line, else mid-word; never splits a UTF-8
// character. Joining the lines (without padding) gives back the text.
std::vector<std::string> WrapCell(const std::string& text, size_t width);

}  // namespace cli
