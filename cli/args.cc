// The subcommand argument parser: see args.h.
#include "cli/args.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace cli {
namespace {

const FlagSpec* FindFlag(std::span<const FlagSpec> specs, absl::string_view name) {
  for (const FlagSpec& spec : specs) {
    if (spec.name == name || (!spec.alias.empty() && spec.alias == name)) return &spec;
  }
  return nullptr;
}

bool LooksLikeFlag(absl::string_view word) { return word.size() > 1 && word[0] == '-'; }

absl::Status PositionalCountError(size_t given, size_t min_positional, size_t max_positional) {
  if (given < min_positional) {
    return absl::InvalidArgumentError(absl::StrCat(
        "missing argument (expected ", min_positional, ", got ", given, ")"));
  }
  return absl::InvalidArgumentError(absl::StrCat("too many arguments (expected at most ",
                                                 max_positional, ", got ", given, ")"));
}

}  // namespace

std::optional<std::string> ParsedArgs::Get(absl::string_view flag) const {
  auto it = values_.find(std::string(flag));
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ParsedArgs::All(absl::string_view flag) const {
  auto it = values_.find(std::string(flag));
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

absl::StatusOr<ParsedArgs> ParseArgs(std::span<const std::string> args,
                                     std::span<const FlagSpec> specs, size_t min_positional,
                                     size_t max_positional) {
  ParsedArgs parsed;
  if (std::any_of(args.begin(), args.end(),
                  [](const std::string& a) { return a == "-h" || a == "--help"; })) {
    parsed.help_ = true;
    return parsed;
  }
  bool only_positional = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (only_positional || !LooksLikeFlag(word)) {
      parsed.positional_.push_back(word);
      continue;
    }
    if (word == "--") {
      only_positional = true;
      continue;
    }
    const size_t eq = word.find('=');
    const std::string name = word.substr(0, eq);
    const FlagSpec* spec = FindFlag(specs, name);
    if (spec == nullptr) return absl::InvalidArgumentError(absl::StrCat("unknown flag '", name, "'"));
    const std::string key(spec->name);
    if (!spec->repeatable && parsed.values_.count(key) != 0) {
      return absl::InvalidArgumentError(absl::StrCat("flag ", spec->name, " given twice"));
    }
    std::string value;
    if (spec->value_name.empty()) {
      if (eq != std::string::npos) {
        return absl::InvalidArgumentError(absl::StrCat("flag ", spec->name, " takes no value"));
      }
    } else if (eq != std::string::npos) {
      value = word.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("flag ", spec->name, " needs a value (", spec->value_name, ")"));
    }
    parsed.values_[key].push_back(std::move(value));
  }
  const size_t given = parsed.positional_.size();
  if (given < min_positional || given > max_positional) {
    return PositionalCountError(given, min_positional, max_positional);
  }
  return parsed;
}

}  // namespace cli
