// The ratio summary; see ratio_reporter.h.
#include "ratio_reporter.h"

#include <cstdio>

namespace bench {

void RatioReporter::ReportRuns(const std::vector<Run>& runs) {
  ConsoleReporter::ReportRuns(runs);
  for (const Run& run : runs) {
    if (run.error_occurred || run.run_type != Run::RT_Iteration) continue;
    auto rate = run.counters.find("decisions_per_s");
    if (rate == run.counters.end()) continue;
    const std::string name = run.benchmark_name();
    const size_t slash = name.find('/');
    if (slash == std::string::npos) continue;
    const std::string family = name.substr(0, slash);
    const std::string arg = name.substr(slash + 1, name.find('/', slash + 1) - slash - 1);
    rates_[family][arg] = rate->second.value;
  }
}

void RatioReporter::Finalize() {
  ConsoleReporter::Finalize();
  const auto harness = rates_.find("Harness");
  const auto raw = rates_.find("RawSwitch");
  if (harness == rates_.end() || raw == rates_.end()) return;
  std::printf("\nharness rate / raw fcontext loop rate (target >= 25%%):\n");
  for (const auto& [arg, harness_rate] : harness->second) {
    auto raw_rate = raw->second.find(arg);
    if (raw_rate == raw->second.end() || raw_rate->second <= 0) continue;
    std::printf("  %-16s harness %7.2f M/s   raw %7.2f M/s   ratio %5.1f%%\n", arg.c_str(),
                harness_rate / 1e6, raw_rate->second / 1e6,
                100.0 * harness_rate / raw_rate->second);
  }
}

}  // namespace bench
