// The pool-version table (see pool_version.h): one row per modelled Go commit.
#include "model/sql/pool_version.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace model::sql {
namespace {

// Names these versions had before "seed" was kept for randomness only; tokens and corpus
// files written then still carry them.
constexpr absl::string_view kAsyncResetAliases[] = {"seed-parent"};
constexpr absl::string_view kSyncResetAliases[] = {"seed"};

constexpr PoolVersionInfo kVersions[] = {
    {PoolVersion::kAsyncReset, "async-reset", kAsyncResetAliases, "0eeec4f25dc6",
     "before the #31480 fix: sessions reset asynchronously by connectionResetter",
     {.resets_session_synchronously = false,
      .has_connection_validator = false,
      .has_connection_resetter = true}},
    {PoolVersion::kSyncReset, "sync-reset", kSyncResetAliases, "971f8a2",
     "the #31480 fix: sessions reset when a conn is next taken",
     {.resets_session_synchronously = true,
      .has_connection_validator = true,
      .has_connection_resetter = false}},
    {PoolVersion::kGo119, "go1.19", {}, "go1.19.8",
     "the release Debian ships: LIFO free list, expired conns discarded on put, go#34775 fixed",
     {.resets_session_synchronously = true,
      .has_connection_validator = true,
      .has_connection_resetter = false,
      .reuses_newest_free_conn = true,
      .cleaner_tracks_next_expiry = true,
      .counts_and_discards_expired_on_use = true,
      .expiry_checked_only_when_cached = true,
      .tx_quiesces_before_end = true,
      .keeps_conn_on_rollback = true,
      .rows_close_records_error = true}},
};

}  // namespace

std::span<const PoolVersionInfo> AllPoolVersionInfos() { return kVersions; }

std::vector<PoolVersion> AllPoolVersions() {
  std::vector<PoolVersion> out;
  for (const PoolVersionInfo& info : kVersions) out.push_back(info.version);
  return out;
}

const PoolVersionInfo& PoolVersionInfoOf(PoolVersion v) {
  const size_t index = static_cast<size_t>(v);
  // Always on: a row out of enum order would give every version the wrong features.
  if (index >= std::size(kVersions) || kVersions[index].version != v) {
    std::fprintf(stderr, "model/sql: pool version %zu has no row in order\n", index);
    std::abort();
  }
  return kVersions[index];
}

absl::string_view PoolVersionName(PoolVersion v) { return PoolVersionInfoOf(v).name; }

const PoolFeatures& FeaturesOf(PoolVersion v) { return PoolVersionInfoOf(v).features; }

std::optional<PoolVersion> PoolVersionFromName(absl::string_view name) {
  for (const PoolVersionInfo& info : kVersions) {
    if (info.name == name) return info.version;
    for (absl::string_view alias : info.aliases) {
      if (alias == name) return info.version;
    }
  }
  return std::nullopt;
}

absl::StatusOr<PoolVersion> ParsePoolVersion(absl::string_view name) {
  if (std::optional<PoolVersion> v = PoolVersionFromName(name)) return *v;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown pool version '", name, "' (known: ", PoolVersionNameList(), ")"));
}

std::string PoolVersionNameList() {
  std::vector<absl::string_view> names;
  for (const PoolVersionInfo& info : kVersions) names.push_back(info.name);
  return absl::StrJoin(names, ", ");
}

}  // namespace model::sql
