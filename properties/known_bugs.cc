// Known-bug names: see known_bugs.h.
#include "properties/known_bugs.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace properties {
namespace {

// One row per KnownBugAllowances field.
struct KnownBugRow {
  const char* name;
  const char* summary;
  bool KnownBugAllowances::*field;
};

constexpr KnownBugRow kRows[] = {
    {"tx-stmt-after-cancel-rollback",
     "I11: a Tx statement reaches the driver after Tx.awaitDone rolled the tx back "
     "(golang/go#34775, both versions)",
     &KnownBugAllowances::tx_statement_after_cancel_rollback},
    {"last-retry-waits-beside-idle",
     "I3: conn()'s last retry (alwaysNewConn) waits at maxOpen while conns sit idle "
     "(both versions)",
     &KnownBugAllowances::always_new_conn_waits_beside_idle_conns},
};

}  // namespace

std::vector<KnownBugInfo> ListKnownBugs() {
  std::vector<KnownBugInfo> out;
  for (const KnownBugRow& row : kRows) out.push_back({row.name, row.summary});
  return out;
}

absl::StatusOr<KnownBugAllowances> ParseKnownBugs(absl::string_view text) {
  if (text == "all") return KnownBugAllowances::AllSeedBugs();
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
