// Error values and Value rendering for the driver interfaces.
#include "model/driver/driver.h"

#include "absl/strings/str_cat.h"

namespace model::driver {

namespace {
constexpr char kBadConn[] = "driver: bad connection";
constexpr char kSkip[] = "driver: skip fast-path; continue as if unimplemented";
constexpr char kEOF[] = "EOF";
}  // namespace

absl::Status ErrBadConn() { return absl::UnavailableError(kBadConn); }
bool IsBadConn(const absl::Status& s) {
  return s.code() == absl::StatusCode::kUnavailable && s.message() == kBadConn;
}
absl::Status ErrSkip() { return absl::UnimplementedError(kSkip); }
bool IsSkip(const absl::Status& s) {
  return s.code() == absl::StatusCode::kUnimplemented && s.message() == kSkip;
}
absl::Status ErrEOF() { return absl::OutOfRangeError(kEOF); }
bool IsEOF(const absl::Status& s) {
  return s.code() == absl::StatusCode::kOutOfRange && s.message() == kEOF;
}

std::string ValueToString(const Value& v) {
  struct Visitor {
    std::string operator()(std::monostate) const { return "nil"; }
    std::string operator()(int64_t i) const { return absl::StrCat(i); }
    std::string operator()(double d) const { return absl::StrCat(d); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::string& s) const { return absl::StrCat("\"", s, "\""); }
    std::string operator()(const Bytes& b) const { return absl::StrCat("[]byte(\"", b.data, "\")"); }
    std::string operator()(sim::Instant t) const { return t.ToString(); }
  };
  return std::visit(Visitor{}, v);
}

}  // namespace model::driver
