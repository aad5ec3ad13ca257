// Command-line parsing for the subcommands: each declares its flags (with or without a
// value, once or repeatable) and how many positional arguments it takes; anything else —
// an unknown flag, a missing value, a flag given twice — is a one-line InvalidArgument.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"

namespace cli {

struct FlagSpec {
  absl::string_view name;        // "--runs", or a short form like "-o"
  absl::string_view value_name;  // "N", "FILE"; empty: the flag takes no value
  bool repeatable = false;      // may be given more than once (--param)
  absl::string_view alias = {};  // another spelling ("--output" for "-o")
};

class ParsedArgs {
 public:
  bool Has(absl::string_view flag) const { return values_.count(std::string(flag)) != 0; }
  // The flag's value (the last one for repeatable flags), or nullopt when absent.
  std::optional<std::string> Get(absl::string_view flag) const;
  // Every value of a repeatable flag, in order.
  std::vector<std::string> All(absl::string_view flag) const;
  const std::vector<std::string>& positional() const { return positional_; }
  bool help() const { return help_; }

 private:
  friend absl::StatusOr<ParsedArgs> ParseArgs(std::span<const std::string>,
                                              std::span<const FlagSpec>, size_t, size_t);
  std::map<std::string, std::vector<std::string>> values_;  // keyed by FlagSpec::name
  std::vector<std::string> positional_;
  bool help_ = false;
};

// Parses `args` (the words after the subcommand). Accepts "--flag value", "--flag=value",
// "--" (everything after is positional), and "-h"/"--help" anywhere (then nothing else is
// checked). Between `min_positional` and `max_positional` positional arguments.
absl::StatusOr<ParsedArgs> ParseArgs(std::span<const std::string> args,
                                     std::span<const FlagSpec> specs, size_t min_positional,
                                     size_t max_positional);

}  // namespace cli
