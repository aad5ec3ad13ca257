// A self-contained offline HTML page that draws a Chrome trace-event timeline (the JSON of
// chrome_trace.h): one row per goroutine track, every "X" slice as a coloured box with its
// name and arguments on hover, flows as arrows, zoom buttons. It needs no network and no
// other file, so `trace --format html -o run.html` opens in any browser offline. Each box
// is an SVG <rect class="slice"> with data-cat and data-name attributes, which the
// headless-Chromium test (tools/browser/) inspects.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace cli {

// The page for `trace_json` (a whole Chrome trace-event document), titled `title`.
std::string RenderTimelineHtml(absl::string_view trace_json, absl::string_view title);

// `text` safe inside an HTML element or attribute (& < > " ').
std::string HtmlEscape(absl::string_view text);

// `json` safe inside a <script> element: every "</" becomes "<\/" (the same JSON value).
std::string JsonForScript(absl::string_view json);

}  // namespace cli
