// `poolcheck merge`: the JSON summaries (--json, cli/JSON.md) of the N shards of one
// exploration combined into the summary the unsharded exploration prints. Run counts and
// failures add up; distinct interleavings come from the union of the shards' fingerprint
// sketches (explore/distinct_sketch.h, exact while under its capacity); each distinct
// failure keeps its lowest run and that run's token; coverage tables add up (each
// behaviour keeps its lowest first run), and the residual risk and saturation curve are
// recomputed from them (explore/coverage.h, CoverageTally::MergeFrom); fuzz's reach rows
// (cases per generator feature) add up. It equals the
// unsharded summary (apart from elapsed_s, the longest shard's, and jobs, the shards' sum)
// whenever no shard stopped early at a failure: a passing exploration, or one with
// --keep-going.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/explore_outcome.h"

namespace cli {

// The outcome a --json summary describes. InvalidArgument for text that is not a summary
// of this schema version.
absl::StatusOr<ExploreOutcome> OutcomeFromJson(const std::string& text);

// Combines the shards' outcomes. InvalidArgument unless they are the N distinct shards
// (0/N .. N-1/N) of one exploration (same build, scenario, pool, strategy, parameters,
// allowances, seed and budget).
absl::StatusOr<ExploreOutcome> MergeShards(const std::vector<ExploreOutcome>& shards);

}  // namespace cli
