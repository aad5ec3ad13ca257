// Source locations as reports and traces print them: "sim/chan_test.cc:42", relative to
// the project root, so a trace recorded in one checkout reads the same in any other.
#pragma once

#include <source_location>
#include <string>

namespace sim::internal {

std::string FormatLocation(const std::source_location& loc);

}  // namespace sim::internal
