// Argument numbering and Scan conversions (Go's convert.go, subset); see convert.h.
#include "model/sql/convert.h"

#include <charconv>
#include <cstdlib>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/sql/driver_conn.h"
#include "model/sql/errors.h"

namespace model::sql {

absl::StatusOr<std::vector<driver::NamedValue>> driverArgsConnLocked(
    const driverStmt* ds, const std::vector<driver::Value>& args) {
  int want = ds != nullptr ? ds->si->NumInput() : -1;
  std::vector<driver::NamedValue> nvargs;
  nvargs.reserve(args.size());
  for (size_t n = 0; n < args.size(); n++) {
    nvargs.push_back(driver::NamedValue{"", static_cast<int>(n) + 1, args[n]});
  }
  if (want != -1 && static_cast<int>(nvargs.size()) != want) {
    return ErrArgCount(want, static_cast<int>(nvargs.size()));
  }
  return nvargs;
}

namespace {

// Go's %T of a driver value.
std::string_view GoTypeName(const driver::Value& v) {
  static constexpr std::string_view kNames[] = {"<nil>",  "int64",   "float64",  "bool",
                                                "string", "[]uint8", "time.Time"};
  return kNames[v.index()];
}

// Go's %T of a Scan destination.
std::string_view GoDestTypeName(const ScanDest& d) {
  static constexpr std::string_view kNames[] = {"*int64",   "*float64",   "*bool",
                                                "*string",  "*[]uint8",   "*time.Time",
                                                "*interface {}"};
  return kNames[d.index()];
}

std::string FormatFloat(double f) {  // strconv.FormatFloat(f, 'g', -1, 64), approximately
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::general);
  return std::string(buf, res.ptr);
}

// Go: asString, for the value kinds a driver.Value can hold.
std::string asString(const driver::Value& src) {
  if (auto* s = std::get_if<std::string>(&src)) return *s;
  if (auto* b = std::get_if<driver::Bytes>(&src)) return b->data;
  if (auto* i = std::get_if<int64_t>(&src)) return absl::StrCat(*i);
  if (auto* f = std::get_if<double>(&src)) return FormatFloat(*f);
  if (auto* b = std::get_if<bool>(&src)) return *b ? "true" : "false";
  if (auto* t = std::get_if<sim::Instant>(&src)) return t->ToString();
  return "<nil>";
}

// Go: driver.Bool.ConvertValue
absl::StatusOr<bool> ConvertBool(const driver::Value& src) {
  if (auto* b = std::get_if<bool>(&src)) return *b;
  if (auto* i = std::get_if<int64_t>(&src)) {
    if (*i == 1 || *i == 0) return *i == 1;
    return absl::InvalidArgumentError(
        absl::StrFormat("sql/driver: couldn't convert %d into type bool", *i));
  }
  if (std::holds_alternative<std::string>(src) || std::holds_alternative<driver::Bytes>(src)) {
    std::string s = asString(src);
    for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"}) if (s == t) return true;
    for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"}) if (s == f) return false;
    return absl::InvalidArgumentError(
        absl::StrFormat("sql/driver: couldn't convert \"%s\" into type bool", s));
  }
  return absl::InvalidArgumentError(absl::StrFormat(
      "sql/driver: couldn't convert %s (%s) into type bool", asString(src), GoTypeName(src)));
}

// Go: the strconv fallback of convertAssignRows for integer and float destinations.
template <typename Number>
absl::Status ParseNumberInto(Number* d, const driver::Value& src, const char* kind) {
  if (std::holds_alternative<std::monostate>(src)) {
    return absl::InvalidArgumentError(absl::StrCat("converting NULL to ", kind,
                                                   " is unsupported"));
  }
  std::string s = asString(src);
  Number parsed{};
  auto res = std::from_chars(s.data(), s.data() + s.size(), parsed);
  if (res.ec == std::errc() && res.ptr == s.data() + s.size()) {
    *d = parsed;
    return absl::OkStatus();
  }
  std::string_view why =
      res.ec == std::errc::result_out_of_range ? "value out of range" : "invalid syntax";
  return absl::InvalidArgumentError(absl::StrFormat(
      "converting driver.Value type %s (\"%s\") to a %s: %s", GoTypeName(src), s, kind, why));
}

absl::Status Unsupported(const ScanDest& dest, const driver::Value& src) {
  return absl::InvalidArgumentError(absl::StrFormat(
      "unsupported Scan, storing driver.Value type %s into type %s", GoTypeName(src),
      GoDestTypeName(dest)));
}

}  // namespace

absl::Status convertAssign(const ScanDest& dest, const driver::Value& src) {
  const bool null = std::holds_alternative<std::monostate>(src);
  if (auto* d = std::get_if<driver::Value*>(&dest)) {
    **d = src;
    return absl::OkStatus();
  }
  if (auto* d = std::get_if<std::string*>(&dest)) {
    if (null) return absl::InvalidArgumentError("converting NULL to string is unsupported");
    **d = asString(src);
    return absl::OkStatus();
  }
  if (auto* d = std::get_if<driver::Bytes*>(&dest)) {
    (*d)->data = null ? std::string() : asString(src);
    return absl::OkStatus();
  }
  if (auto* d = std::get_if<bool*>(&dest)) {
    absl::StatusOr<bool> b = ConvertBool(src);
    if (b.ok()) **d = *b;
    return b.status();
  }
  if (auto* d = std::get_if<sim::Instant*>(&dest)) {
    auto* t = std::get_if<sim::Instant>(&src);
    if (t == nullptr) return Unsupported(dest, src);
    **d = *t;
    return absl::OkStatus();
  }
  if (auto* d = std::get_if<int64_t*>(&dest)) {
    if (auto* i = std::get_if<int64_t>(&src)) {
      **d = *i;
      return absl::OkStatus();
    }
    return ParseNumberInto(*d, src, "int64");
  }
  auto* d = std::get_if<double*>(&dest);
  if (auto* f = std::get_if<double>(&src)) {
    **d = *f;
    return absl::OkStatus();
  }
  return ParseNumberInto(*d, src, "float64");
}

}  // namespace model::sql
