// The fake driver's one in-memory table, shared by all conns of a driver: rows of
// (id int64, name string), kept ordered by id so every query answers deterministically.
// There are no transactions here: a write is visible at once and Rollback undoes nothing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/fakedb/query.h"

namespace model::fakedb {

struct ExecOutcome {
  int64_t last_insert_id = 0;  // INSERT: the id inserted
  int64_t rows_affected = 0;
};

struct QueryOutcome {
  std::vector<std::string> columns;
  std::vector<std::vector<driver::Value>> rows;  // a snapshot taken at query time
};

class Table {
 public:
  // Runs INSERT, DELETE or NOOP. A query that returns rows is an InvalidArgument error; so
  // is inserting an id already present.
  absl::StatusOr<ExecOutcome> Exec(const BoundQuery& query);
  // Runs SELECT or COUNT. An exec is an InvalidArgument error.
  absl::StatusOr<QueryOutcome> Query(const BoundQuery& query) const;

  size_t size() const { return rows_.size(); }
  std::optional<std::string> Get(int64_t id) const;

 private:
  std::map<int64_t, std::string> rows_;
};

}  // namespace model::fakedb
