// Rendering of the fake driver's options for counterexamples.
#include "model/fakedb/options.h"

#include "absl/strings/str_cat.h"

namespace model::fakedb {

namespace {
const char* OnOff(bool b) { return b ? "on" : "off"; }
}  // namespace

std::string FakeDriverOptions::ToString() const {
  std::string text = absl::StrCat("resetter ", OnOff(session_resetter), ", validator ",
                                  OnOff(connection_validator), ", latency ",
                                  call_latency.ToString());
  if (latency_jitter > sim::Duration::Zero()) {
    absl::StrAppend(&text, "+0..", latency_jitter.ToString(), " in ", jitter_buckets, " steps");
  }
  absl::StrAppend(&text, ", guards ", OnOff(guards));
  if (execer_returns_skip) absl::StrAppend(&text, ", execer skips");
  return absl::StrCat(text, "; faults: ", faults.ToString());
}

}  // namespace model::fakedb
