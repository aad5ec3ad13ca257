// Execution of bound queries against the in-memory table.
#include "model/fakedb/table.h"

#include "absl/strings/str_cat.h"

namespace model::fakedb {

namespace {

std::vector<driver::Value> RowValues(int64_t id, const std::string& name) {
  return {driver::Value(id), driver::Value(name)};
}

}  // namespace

absl::StatusOr<ExecOutcome> Table::Exec(const BoundQuery& query) {
  switch (query.kind) {
    case QueryKind::kNoop:
      return ExecOutcome{};
    case QueryKind::kInsert: {
      if (!rows_.emplace(query.id, query.name).second) {
        return absl::InvalidArgumentError(absl::StrCat("fakedb: duplicate id ", query.id));
      }
      return ExecOutcome{.last_insert_id = query.id, .rows_affected = 1};
    }
    case QueryKind::kDelete:
      return ExecOutcome{.rows_affected = static_cast<int64_t>(rows_.erase(query.id))};
    default:
      return absl::InvalidArgumentError("fakedb: a query that returns rows used as an exec");
  }
}

absl::StatusOr<QueryOutcome> Table::Query(const BoundQuery& query) const {
  QueryOutcome out;
  switch (query.kind) {
    case QueryKind::kSelectAll:
      out.columns = {"id", "name"};
      for (const auto& [id, name] : rows_) out.rows.push_back(RowValues(id, name));
      return out;
    case QueryKind::kSelectOne: {
      out.columns = {"id", "name"};
      auto it = rows_.find(query.id);
      if (it != rows_.end()) out.rows.push_back(RowValues(it->first, it->second));
      return out;
    }
    case QueryKind::kCount:
      out.columns = {"count"};
      out.rows.push_back({driver::Value(static_cast<int64_t>(rows_.size()))});
      return out;
    default:
      return absl::InvalidArgumentError("fakedb: an exec used as a query");
  }
}

std::optional<std::string> Table::Get(int64_t id) const {
  auto it = rows_.find(id);
  if (it == rows_.end()) return std::nullopt;
  return it->second;
}

}  // namespace model::fakedb
