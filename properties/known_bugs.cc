// Known-bug names: see known_bugs.h.
#include "properties/known_bugs.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace properties {
namespace {

// One row per KnownBugAllowances field. `present_in` says, from a version's features,
// whether its code has the bug; a version whose Go fix changes that code gets a feature
// for the fix, and the row tests it.
struct KnownBugRow {
  const char* name;
  const char* summary;
  bool KnownBugAllowances::*field;
  bool (*present_in)(const model::sql::PoolFeatures&);
};

// Neither bug is fixed by any modelled Go commit.
bool InEveryVersion(const model::sql::PoolFeatures&) { return true; }

constexpr KnownBugRow kRows[] = {
    {"tx-stmt-after-cancel-rollback",
     "I11: a Tx statement reaches the driver after Tx.awaitDone rolled the tx back "
     "(golang/go#34775)",
     &KnownBugAllowances::tx_statement_after_cancel_rollback, &InEveryVersion},
    {"last-retry-waits-beside-idle",
     "I3: conn()'s last retry (alwaysNewConn) waits at maxOpen while conns sit idle",
     &KnownBugAllowances::always_new_conn_waits_beside_idle_conns, &InEveryVersion},
};

}  // namespace

std::vector<KnownBugInfo> ListKnownBugs() {
  std::vector<KnownBugInfo> out;
  for (const KnownBugRow& row : kRows) {
    KnownBugInfo info{row.name, row.summary, {}};
    for (const model::sql::PoolVersionInfo& v : model::sql::AllPoolVersionInfos()) {
      if (row.present_in(v.features)) info.versions.push_back(v.version);
    }
    out.push_back(std::move(info));
  }
  return out;
}

absl::StatusOr<KnownBugAllowances> ParseKnownBugs(absl::string_view text) {
  if (text == "all") return KnownBugAllowances::AllKnownBugs();
  KnownBugAllowances allow;
  for (absl::string_view name : absl::StrSplit(text, ',')) {
    bool found = false;
    for (const KnownBugRow& row : kRows) {
      if (name == row.name) {
        allow.*row.field = true;
        found = true;
      }
    }
    if (!found) {
      std::vector<std::string> names;
      for (const KnownBugRow& row : kRows) names.push_back(row.name);
      return absl::InvalidArgumentError(absl::StrCat("unknown known bug '", name, "' (known: ",
                                                     absl::StrJoin(names, ", "), ", all)"));
    }
  }
  return allow;
}

std::string KnownBugNames(const KnownBugAllowances& allow) {
  std::vector<std::string> names;
  for (const KnownBugRow& row : kRows) {
    if (allow.*row.field) names.push_back(row.name);
  }
  return absl::StrJoin(names, ",");
}

}  // namespace properties
