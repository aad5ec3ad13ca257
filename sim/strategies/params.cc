// Parsing of strategy specs and typed parameter reads; see params.h.
#include "sim/strategies/params.h"

#include <charconv>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sim {
namespace {

bool IsSpecWord(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<StrategySpec> ParseStrategySpec(std::string_view spec_text) {
  // This Abseil build has its own string_view, which StrCat and StrSplit need.
  const absl::string_view text(spec_text.data(), spec_text.size());
  StrategySpec spec;
  const size_t colon = text.find(':');
  spec.name = std::string(text.substr(0, colon));
  if (!IsSpecWord(spec.name)) {
    return absl::InvalidArgumentError(
        absl::StrCat("strategy spec '", text, "': expected a name like 'pct' or 'pct:depth=3'"));
  }
  if (colon == absl::string_view::npos) return spec;
  for (absl::string_view item : absl::StrSplit(text.substr(colon + 1), ',')) {
    const size_t eq = item.find('=');
    const absl::string_view key = item.substr(0, eq);
    if (eq == absl::string_view::npos || !IsSpecWord(key) || eq + 1 == item.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "strategy spec '", text, "': parameter '", item, "' is not key=value"));
    }
    if (!spec.params.emplace(std::string(key), std::string(item.substr(eq + 1))).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("strategy spec '", text, "': parameter '", key, "' given twice"));
    }
  }
  return spec;
}

uint64_t ParamReader::Uint(const std::string& key, uint64_t fallback, uint64_t min_value,
                           uint64_t max_value) {
  used_.insert(key);
  auto it = spec_.params.find(key);
  if (it == spec_.params.end()) return fallback;
  const std::string& text = it->second;
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool parsed = ec == std::errc() && end == text.data() + text.size();
  if (!parsed || value < min_value || value > max_value) {
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(
          absl::StrCat("strategy '", spec_.name, "': parameter ", key, "=", text,
                       " must be an integer in [", min_value, ", ", max_value, "]"));
    }
    return fallback;
  }
  return value;
}

std::optional<std::string> ParamReader::Text(const std::string& key) {
  used_.insert(key);
  auto it = spec_.params.find(key);
  if (it == spec_.params.end()) return std::nullopt;
  return it->second;
}

void ParamReader::Reject(const std::string& key, const std::string& text,
                         const std::string& expected) {
  if (!status_.ok()) return;
  status_ = absl::InvalidArgumentError(absl::StrCat("strategy '", spec_.name, "': parameter ",
                                                    key, "=", text, " must be ", expected));
}

absl::Status ParamReader::Finish() {
  if (!status_.ok()) return status_;
  for (const auto& [key, value] : spec_.params) {
    if (used_.count(key) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("strategy '", spec_.name, "': unknown parameter '", key, "'"));
    }
  }
  return absl::OkStatus();
}

}  // namespace sim
