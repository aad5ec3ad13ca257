// The regression corpus: reading, writing and checking entries; see corpus.h.
#include "explore/corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "explore/shrink.h"
#include "explore/target.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

absl::Status EntryError(const std::string& file, const std::string& what) {
  return absl::InvalidArgumentError(absl::StrCat("corpus entry ", file, ": ", what));
}

// Runs the token's strategy and run seed on `target` (a fresh run, not a replay).
absl::StatusOr<RunReport> RerunFromSeed(const sim::ReplayToken& token, const Target& target) {
  absl::StatusOr<BuiltTarget> built = BuildTarget(target);
  if (!built.ok()) return built.status();
  absl::StatusOr<std::unique_ptr<sim::Strategy>> strategy = sim::MakeStrategy(token.strategy);
  if (!strategy.ok()) return strategy.status();
  sim::RunOptions options;
  options.max_steps = built->scenario->max_steps;
  RunReport report = RunWorkload(built->workload, **strategy, sim::RunStart(token.run_seed),
                                 options,
                                 MonitorOptionsFor(built->target));
  StampReport(report, built->target, MetaNumber(token.meta, "seed"),
              MetaNumber(token.meta, "run"));
  return report;
}

// Runs the token's recorded choices on `target` leniently (see corpus.h).
absl::StatusOr<RunReport> FollowAsFarAsItFits(const sim::ReplayToken& token,
                                              const Target& target, uint64_t* fallbacks) {
  absl::StatusOr<BuiltTarget> built = BuildTarget(target);
  if (!built.ok()) return built.status();
  LenientReplayStrategy lenient(token.choices, sim::SpecPlaysTime(token.strategy));
  sim::RunOptions options;
  options.max_steps = built->scenario->max_steps;
  RunReport report = RunWorkload(built->workload, lenient, sim::RunStart(token.run_seed), options,
                                 MonitorOptionsFor(built->target));
  StampReport(report, built->target, MetaNumber(token.meta, "seed"),
              MetaNumber(token.meta, "run"));
  *fallbacks = lenient.fallbacks();
  return report;
}

}  // namespace

std::string CorpusDir() { return POOLCHECK_CORPUS_DIR; }

absl::StatusOr<CorpusEntry> ParseCorpusEntry(const std::string& file, const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n', absl::SkipWhitespace());
  if (lines.size() != 2) return EntryError(file, "want a comment line and a token line");
  absl::string_view comment = lines[0];
  if (!absl::ConsumePrefix(&comment, "# ")) return EntryError(file, "first line must start '# '");
  std::vector<std::string> words = absl::StrSplit(comment, absl::MaxSplits(' ', 3));
  if (words.size() != 4) {
    return EntryError(file, "want '# <scenario> <pool> <invariant> <what it shows>'");
  }
  absl::StatusOr<sim::ReplayToken> token =
      sim::DecodeToken(std::string(absl::StripAsciiWhitespace(lines[1])));
  if (!token.ok()) return EntryError(file, std::string(token.status().message()));
  // Either may name the pool by an old alias (entries recorded before the rename).
  std::optional<model::sql::PoolVersion> pool = model::sql::PoolVersionFromName(words[1]);
  if (!pool) return EntryError(file, absl::StrCat("unknown pool version '", words[1], "'"));
  CorpusEntry entry{file, words[0], *pool, words[2], words[3], *std::move(token)};
  if (entry.token.meta["scenario"] != entry.scenario ||
      model::sql::PoolVersionFromName(entry.token.meta["pool"]) != entry.pool) {
    return EntryError(file, "the comment line and the token name different targets");
  }
  return entry;
}

absl::StatusOr<std::vector<CorpusEntry>> LoadCorpus(const std::string& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
    if (f.path().extension() == ".token") files.push_back(f.path());
  }
  if (ec) return absl::NotFoundError(absl::StrCat("corpus directory ", dir, ": ", ec.message()));
  std::sort(files.begin(), files.end());
  std::vector<CorpusEntry> entries;
  for (const std::filesystem::path& path : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<CorpusEntry> entry = ParseCorpusEntry(path.filename().string(), text.str());
    if (!entry.ok()) return entry.status();
    entries.push_back(*std::move(entry));
  }
  return entries;
}

absl::StatusOr<CorpusCheck> CheckCorpusEntry(const CorpusEntry& entry) {
  CorpusCheck check;
  absl::StatusOr<RunReport> recorded = Replay(entry.token, false);
  if (!recorded.ok()) return recorded.status();
  check.recorded = *std::move(recorded);

  // The same schedule on the fixed pool (the default version): the token with the pool
  // switched.
  sim::ReplayToken on_fixed = entry.token;
  on_fixed.meta["pool"] = std::string(model::sql::PoolVersionName(model::sql::kDefaultPoolVersion));
  on_fixed.meta.erase("mutation");
  absl::StatusOr<RunReport> fixed = Replay(on_fixed, false);
  if (!fixed.ok()) return fixed.status();
  if (fixed->result.failure.kind == sim::FailureKind::kDivergence) {
    absl::StatusOr<Target> target = TargetFromMeta(on_fixed.meta);
    if (!target.ok()) return target.status();
    fixed = RerunFromSeed(entry.token, *target);
    if (!fixed.ok()) return fixed.status();
    check.fixed_is_rerun = true;
    if (entry.token.has_choices) {
      absl::StatusOr<RunReport> lenient = FollowAsFarAsItFits(entry.token, *target,
                                                              &check.lenient_fallbacks);
      if (!lenient.ok()) return lenient.status();
      check.fixed_lenient = *std::move(lenient);
    }
  }
  check.fixed = *std::move(fixed);
  return check;
}

std::string FormatCorpusEntry(const RunReport& failure, const std::string& description) {
  return absl::StrCat("# ", failure.target.scenario, " ",
                      std::string(model::sql::PoolVersionName(failure.target.pool)), " ",
                      failure.result.failure.Name(), " ", description, "\n",
                      sim::EncodeToken(failure.token), "\n");
}

}  // namespace explore
