// Tests of the pool-version table: that every row is reachable by its name and by each old
// alias and by nothing else, that no name is taken twice, that rows are in enum order, that
// "seed" names randomness only, that each row's features are one coherent design, and that
// the model really branches on the features (a DB of each version starts the goroutines
// and uses the fields its features say).
#include "model/sql/pool_version.h"

#include <algorithm>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "model/sql/testing/pool.h"

namespace model::sql {
namespace {

TEST(PoolVersionTable, EveryNameAndAliasParsesBackToItsRow) {
  // Shows each row's name and aliases parse to that row, and the name is what is printed.
  for (const PoolVersionInfo& info : AllPoolVersionInfos()) {
    EXPECT_EQ(PoolVersionName(info.version), info.name);
    EXPECT_EQ(PoolVersionFromName(info.name), info.version) << info.name;
    absl::StatusOr<PoolVersion> parsed = ParsePoolVersion(info.name);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, info.version);
    for (absl::string_view alias : info.aliases) {
      EXPECT_EQ(PoolVersionFromName(alias), info.version) << alias;
    }
  }
}

TEST(PoolVersionTable, OldNamesReadAsTheRenamedVersions) {
  // Shows the names tokens and corpus files carried before the rename still read as the
  // versions they meant: "seed-parent" the pre-fix pool, "seed" the fix.
  EXPECT_EQ(PoolVersionFromName("seed-parent"), PoolVersion::kAsyncReset);
  EXPECT_EQ(PoolVersionFromName("seed"), PoolVersion::kSyncReset);
  EXPECT_EQ(PoolVersionName(PoolVersion::kAsyncReset), "async-reset");
  EXPECT_EQ(PoolVersionName(PoolVersion::kSyncReset), "sync-reset");
}

TEST(PoolVersionTable, UnknownNamesAreOneLineErrorsListingTheNames) {
  // Shows a name no row has is InvalidArgument naming it and listing every current name.
  for (const char* bad : {"parent", "", "Sync-Reset", "sync-reset "}) {
    absl::StatusOr<PoolVersion> v = ParsePoolVersion(bad);
    ASSERT_FALSE(v.ok()) << bad;
    EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(v.status().message(), "unknown pool version '" + std::string(bad) +
                                        "' (known: " + PoolVersionNameList() + ")");
  }
  EXPECT_EQ(PoolVersionNameList(), "async-reset, sync-reset, go1.19");
}

TEST(PoolVersionTable, NoNameOrAliasIsTakenTwiceAndNoneIsSeed) {
  // Shows names and aliases are unique across the table (so parsing is unambiguous), and
  // that no current name contains "seed", which means randomness only.
  std::set<absl::string_view> seen;
  for (const PoolVersionInfo& info : AllPoolVersionInfos()) {
    EXPECT_TRUE(seen.insert(info.name).second) << info.name;
    EXPECT_EQ(info.name.find("seed"), absl::string_view::npos) << info.name;
    EXPECT_FALSE(info.go_commit.empty()) << info.name;
    EXPECT_FALSE(info.summary.empty()) << info.name;
    for (absl::string_view alias : info.aliases) EXPECT_TRUE(seen.insert(alias).second) << alias;
  }
}

TEST(PoolVersionTable, RowsAreInEnumOrderAndListedOnce) {
  // Shows row i is enumerator i (PoolVersionInfoOf indexes by it) and AllPoolVersions is
  // the table's versions in the same order, the default among them.
  std::vector<PoolVersion> versions;
  for (size_t i = 0; i < AllPoolVersionInfos().size(); ++i) {
    const PoolVersionInfo& row = AllPoolVersionInfos()[i];
    EXPECT_EQ(static_cast<size_t>(row.version), i) << row.name;
    EXPECT_EQ(&PoolVersionInfoOf(row.version), &row);
    versions.push_back(row.version);
  }
  EXPECT_EQ(AllPoolVersions(), versions);
  EXPECT_NE(std::find(versions.begin(), versions.end(), kDefaultPoolVersion), versions.end());
}

TEST(PoolVersionTable, EachRowIsOneCoherentSessionResetDesign) {
  // Shows each row resets sessions exactly one way (before reuse, or on the resetter), and
  // only a version that resets before reuse has the validator (validateConnection is where
  // putConn marks a conn for reset).
  for (const PoolVersionInfo& info : AllPoolVersionInfos()) {
    const PoolFeatures& f = info.features;
    EXPECT_NE(f.resets_session_synchronously, f.has_connection_resetter) << info.name;
    if (f.has_connection_validator) EXPECT_TRUE(f.resets_session_synchronously) << info.name;
  }
}

TEST(PoolVersionTable, TheModelDoesWhatEachRowsFeaturesSay) {
  // Shows the ported pool branches on the features: a DB of each version starts
  // connectionResetter iff the row has one, and a returned conn is marked for a synchronous
  // reset iff the row resets that way (PoolView's need_reset) or queued for the resetter.
  for (const PoolVersionInfo& info : AllPoolVersionInfos()) {
    SCOPED_TRACE(std::string(info.name));
    bool resetter_started = false;
    bool marked_for_reset = false;
    sim::RunResult r = testing::RunSeeded(1, [&] {
      testing::FakePool p = testing::OpenFakePool(info.version);
      absl::Status ping = p.db->PingContext(testing::Bg());
      EXPECT_TRUE(ping.ok()) << ping;
      for (const sim::GoroutineReport& g : sim::LiveGoroutines()) {
        resetter_started |= g.name == "connectionResetter";
      }
      for (const ConnView& c : p.db->Inspect().conns) marked_for_reset |= c.need_reset;
      EXPECT_TRUE(p.db->Close().ok());
    });
    EXPECT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
    EXPECT_EQ(resetter_started, info.features.has_connection_resetter);
    EXPECT_EQ(marked_for_reset, info.features.resets_session_synchronously);
  }
}

}  // namespace
}  // namespace model::sql
