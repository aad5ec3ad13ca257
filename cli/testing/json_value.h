// The JSON parser tests use to look inside what poolcheck writes: cli/json_reader.h.
#pragma once

#include "cli/json_reader.h"

namespace cli::testing {

using ::cli::JsonParser;
using ::cli::JsonValue;

}  // namespace cli::testing
