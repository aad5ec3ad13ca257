// The ratio summary; see ratio_reporter.h.
#include "ratio_reporter.h"

#include <cstdio>

namespace bench {

void RatioReporter::ReportRuns(const std::vector<Run>& runs) {
  ConsoleReporter::ReportRuns(runs);
  // With --benchmark_repetitions the median aggregate comes after the repetitions and
  // replaces their rates: ratios are then of medians.
  for (const Run& run : runs) {
    const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
    if (run.error_occurred || (run.run_type != Run::RT_Iteration && !median)) continue;
    auto rate = run.counters.find("decisions_per_s");
    if (rate == run.counters.end()) rate = run.counters.find("runs_per_s");
    if (rate == run.counters.end()) continue;
    const std::string name = run.run_name.str();
    const size_t slash = name.find('/');
    const std::string family = name.substr(0, slash);
    const std::string arg =
        slash == std::string::npos ? "" : name.substr(slash + 1, name.find('/', slash + 1) - slash - 1);
    rates_[family][arg] = rate->second.value;
  }
}

// One line per argument both families ran: their rates and `family`'s share of `base`'s.
void RatioReporter::PrintRatios(const std::string& family, const std::string& base,
                                const char* title) const {
  const auto a = rates_.find(family);
  const auto b = rates_.find(base);
  if (a == rates_.end() || b == rates_.end()) return;
  std::printf("\n%s\n", title);
  for (const auto& [arg, rate] : a->second) {
    auto base_rate = b->second.find(arg);
    if (base_rate == b->second.end() || base_rate->second <= 0) continue;
    std::printf("  %-16s %-20s %10.2f/s   %-20s %10.2f/s   ratio %6.1f%%\n", arg.c_str(),
                family.c_str(), rate, base.c_str(), base_rate->second,
                100.0 * rate / base_rate->second);
  }
}

void RatioReporter::Finalize() {
  ConsoleReporter::Finalize();
  PrintRatios("Harness", "RawSwitch", "harness rate / raw fcontext loop rate (target >= 25%):");
  PrintRatios("HarnessPct", "RawSwitch",
              "PCT (priority heap) rate / raw loop rate (target >= 25% at 512):");
  PrintRatios("HarnessPctLinear", "RawSwitch",
              "PCT (linear-scan reference) rate / raw loop rate:");
  PrintRatios("Issue31480Checked", "Issue31480FullScan",
              "issue31480 runs/s, incremental checks / full-scan checks (target >= 500%):");
  PrintRatios("Issue31480Checked", "Issue31480Unchecked",
              "issue31480 runs/s, incremental checks / no per-step checks:");
}

}  // namespace bench
