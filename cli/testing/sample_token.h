// A well-formed replay token for tests that need one without running anything: scenario
// issue31480, a pool version, strategy pct, two recorded choices.
#pragma once

#include <string>

#include "sim/token.h"

namespace cli::testing {

inline sim::ReplayToken SampleToken(const std::string& pool = "async-reset") {
  sim::ReplayToken t;
  t.meta = {{"scenario", "issue31480"}, {"pool", pool}};
  t.strategy = "pct";
  t.run_seed = 99;
  t.steps = 1;  // one scheduling choice below
  t.has_choices = true;
  t.choices = {{sim::ChoiceKind::kSchedule, 3}, {sim::ChoiceKind::kData, 1}};
  return t;
}

}  // namespace cli::testing
