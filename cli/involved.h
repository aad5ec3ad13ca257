// Which goroutines a failure involves, for the report's "last events" section: the one
// that raised it, goroutines its message names, goroutines whose pool and driver events
// touch the objects (conns, statements, transactions, rows) its message names, goroutines
// that woke it or that it woke, then the last to act. For deadlocks and the step budget,
// goroutines left blocked come before the last to act.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "sim/run.h"

namespace cli {

// At most `max` goroutine ids, most relevant first.
std::vector<uint32_t> InvolvedGoroutines(const sim::RunResult& result, size_t max);

// The numbers `word` is followed by in `text`: "<word> N" or "<word>#N", or with
// `glued`, also "<word>N" ("g12"). The word must start a word in `text`.
std::vector<uint64_t> NumbersAfter(absl::string_view text, absl::string_view word, bool glued);

}  // namespace cli
