// Parsing and binding of the fake driver's query language (grammar in query.h).
#include "model/fakedb/query.h"

#include <variant>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace model::fakedb {

namespace {

struct Shape {
  absl::string_view command;  // operands: the number of |-separated fields after it
  size_t operands;
  QueryKind kind;
};

constexpr Shape kShapes[] = {
    {"INSERT", 2, QueryKind::kInsert},   {"DELETE", 1, QueryKind::kDelete},
    {"NOOP", 0, QueryKind::kNoop},       {"SELECT", 0, QueryKind::kSelectAll},
    {"SELECT", 1, QueryKind::kSelectOne}, {"COUNT", 0, QueryKind::kCount},
};

absl::Status Invalid(absl::string_view what, absl::string_view text) {
  return absl::InvalidArgumentError(absl::StrCat("fakedb: ", what, ": \"", text, "\""));
}

absl::StatusOr<int64_t> BindId(const QueryField& field, const driver::Value* arg) {
  int64_t id = 0;
  if (!field.placeholder) {
    if (!absl::SimpleAtoi(field.literal, &id)) return Invalid("id is not an integer", field.literal);
    return id;
  }
  if (const auto* v = std::get_if<int64_t>(arg)) return *v;
  return Invalid("id argument is not int64", driver::ValueToString(*arg));
}

absl::StatusOr<std::string> BindName(const QueryField& field, const driver::Value* arg) {
  if (!field.placeholder) return field.literal;
  if (const auto* s = std::get_if<std::string>(arg)) return *s;
  if (const auto* b = std::get_if<driver::Bytes>(arg)) return b->data;
  return Invalid("name argument is not text", driver::ValueToString(*arg));
}

}  // namespace

bool ParsedQuery::returns_rows() const {
  return kind == QueryKind::kSelectAll || kind == QueryKind::kSelectOne ||
         kind == QueryKind::kCount;
}

absl::StatusOr<ParsedQuery> ParseQuery(absl::string_view text) {
  // Split on '|' into at most kMaxParts parts without allocating: this runs on every call.
  constexpr size_t kMaxParts = 3;
  absl::string_view parts[kMaxParts];
  size_t operands = 0;  // parts after the command
  for (size_t pos = 0;; ++operands) {
    if (operands == kMaxParts) return Invalid("unknown query", text);
    const size_t bar = text.find('|', pos);
    parts[operands] = text.substr(pos, bar == absl::string_view::npos ? bar : bar - pos);
    if (bar == absl::string_view::npos) break;
    pos = bar + 1;
  }
  for (const Shape& shape : kShapes) {
    if (shape.command != parts[0] || shape.operands != operands) continue;
    ParsedQuery query;
    query.kind = shape.kind;
    for (size_t i = 1; i <= operands; ++i) {
      if (parts[i].empty()) return Invalid("empty operand", text);
      const bool placeholder = parts[i] == "?";
      query.num_input += placeholder ? 1 : 0;
      query.fields.push_back(QueryField{placeholder, placeholder ? "" : std::string(parts[i])});
    }
    return query;
  }
  return Invalid("unknown query", text);
}

absl::StatusOr<BoundQuery> BindQuery(const ParsedQuery& query,
                                     const std::vector<driver::Value>& args) {
  if (args.size() != static_cast<size_t>(query.num_input)) {
    return absl::InvalidArgumentError(absl::StrCat("fakedb: query wants ", query.num_input,
                                                   " arguments, got ", args.size()));
  }
  BoundQuery bound;
  bound.kind = query.kind;
  size_t next_arg = 0;
  auto arg_for = [&](const QueryField& f) { return f.placeholder ? &args[next_arg++] : nullptr; };
  if (!query.fields.empty()) {
    absl::StatusOr<int64_t> id = BindId(query.fields[0], arg_for(query.fields[0]));
    if (!id.ok()) return id.status();
    bound.id = *id;
  }
  if (query.fields.size() > 1) {
    absl::StatusOr<std::string> name = BindName(query.fields[1], arg_for(query.fields[1]));
    if (!name.ok()) return name.status();
    bound.name = *std::move(name);
  }
  return bound;
}

std::vector<driver::Value> ArgValues(const std::vector<driver::NamedValue>& args) {
  std::vector<driver::Value> values;
  values.reserve(args.size());
  for (const driver::NamedValue& a : args) values.push_back(a.value);
  return values;
}

}  // namespace model::fakedb
