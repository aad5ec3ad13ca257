// The fake driver's query language, parsed and bound to arguments:
//   INSERT|<id>|<name>   (exec)  add a row; an id already present is an error
//   DELETE|<id>          (exec)  remove a row if present
//   NOOP                 (exec)  nothing
//   SELECT               (query) all rows ordered by id, columns {"id","name"}
//   SELECT|<id>          (query) that row or none
//   COUNT                (query) one row, column {"count"}
// Any <id> or <name> may be "?", bound in order to the call's arguments (int64 id,
// string or []byte name). Anything else is an InvalidArgument error, never a crash.
#pragma once

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "model/driver/driver.h"

namespace model::fakedb {

enum class QueryKind : uint8_t { kInsert, kDelete, kNoop, kSelectAll, kSelectOne, kCount };

// One |-separated operand: a literal, or "?" taking the next argument.
struct QueryField {
  bool placeholder = false;
  std::string literal;
};

struct ParsedQuery {
  QueryKind kind = QueryKind::kNoop;
  std::vector<QueryField> fields;  // INSERT: id, name; DELETE and SELECT|<id>: id
  int num_input = 0;               // number of "?" fields (driver.Stmt.NumInput)

  // SELECT and COUNT return rows; the others are execs.
  bool returns_rows() const;
};

absl::StatusOr<ParsedQuery> ParseQuery(absl::string_view text);

// A parsed query with its arguments substituted.
struct BoundQuery {
  QueryKind kind = QueryKind::kNoop;
  int64_t id = 0;
  std::string name;
};

// Errors: wrong argument count, an id that is not int64, a name that is not text.
absl::StatusOr<BoundQuery> BindQuery(const ParsedQuery& query,
                                     const std::vector<driver::Value>& args);
std::vector<driver::Value> ArgValues(const std::vector<driver::NamedValue>& args);

}  // namespace model::fakedb
