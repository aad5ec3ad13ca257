// Test support for the corpus tests: which corpus entries a test binary can replay (those
// recorded on a mutant need the mutant build), a readable test name per entry file, and
// the check every entry gets. Header-only, so it is not part of the library.
#pragma once

#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "explore/corpus.h"
#include "gtest/gtest.h"

namespace explore::testing {

// The entry loaded from `file`, or nullptr.
inline const CorpusEntry* FindEntry(const std::vector<CorpusEntry>& entries,
                                    const std::string& file) {
  for (const CorpusEntry& e : entries) {
    if (e.file == file) return &e;
  }
  return nullptr;
}

// Whether the entry was recorded on a mutant of the pool (only poolcheck-mutants and the
// *_mutant_test binaries can replay it).
inline bool NeedsMutantBuild(const CorpusEntry& e) {
  auto it = e.token.meta.find("mutation");
  return it != e.token.meta.end() && it->second != "none";
}

// The corpus files whose entries need the mutant build (`mutant_build`) or do not. An
// unreadable corpus gives one name that fails its test, saying why.
inline std::vector<std::string> CorpusFiles(bool mutant_build) {
  std::vector<std::string> files;
  absl::StatusOr<std::vector<CorpusEntry>> entries = LoadCorpus(CorpusDir());
  if (!entries.ok()) return {"unreadable corpus: " + std::string(entries.status().message())};
  for (const CorpusEntry& e : *entries) {
    if (NeedsMutantBuild(e) == mutant_build) files.push_back(e.file);
  }
  return files;
}

// "issue31480_minimal.token" -> "issue31480_minimal".
inline std::string CorpusTestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.find('.'));
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// The entry in `file` reproduces its recorded failure (same invariant, same fingerprint)
// on the pool it was recorded against, and the fixed pool (sync-reset, no mutation) passes its
// schedule. When the recorded choices do not fit the fixed pool's program, the token's
// strategy and run seed are rerun on seed instead, and the recorded schedule is followed
// as far as it fits; both must pass, and the line printed says which check was made.
inline void ExpectCorpusEntryReplays(const std::string& file) {
  absl::StatusOr<std::vector<CorpusEntry>> entries = LoadCorpus(CorpusDir());
  ASSERT_TRUE(entries.ok()) << entries.status();
  const CorpusEntry* entry = FindEntry(*entries, file);
  ASSERT_NE(entry, nullptr) << file;
  absl::StatusOr<CorpusCheck> check = CheckCorpusEntry(*entry);
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_EQ(check->recorded.result.failure.Name(), entry->invariant)
      << check->recorded.result.message;
  EXPECT_EQ(check->recorded.result.fingerprint, entry->token.fingerprint);
  EXPECT_FALSE(check->fixed.result.failed())
      << "fixed pool: " << check->fixed.result.failure.Name() << " " << check->fixed.result.message;
  if (check->fixed_lenient) {
    EXPECT_FALSE(check->fixed_lenient->result.failed())
        << "fixed pool, recorded schedule followed leniently: "
        << check->fixed_lenient->result.failure.Name() << " " << check->fixed_lenient->result.message;
  }
  std::string how = "the same choice stream";
  if (check->fixed_is_rerun) how = "the token's strategy+seed rerun";
  if (check->fixed_lenient) {
    how += " and the recorded schedule followed as far as it fits (" +
           std::to_string(check->lenient_fallbacks) + " picks did not)";
  }
  std::printf("[corpus] %s: %s reproduced; fixed pool passes %s\n", entry->file.c_str(),
              entry->invariant.c_str(), how.c_str());
}

}  // namespace explore::testing
