// A console reporter that also prints, after all benchmarks, each rate as a fraction of
// its baseline measured in the same run: the harness's scheduling rate (random walk, PCT,
// PCT's linear-scan reference) against the raw switch loop's for each goroutine count
// (target: >= 25%), and issue31480 runs/s with incremental checks against the full-scan
// reference and against no per-step checks (target: >= 5x the full scan). With
// --benchmark_repetitions the ratios are of the median rates.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

namespace bench {

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

 private:
  void PrintRatios(const std::string& family, const std::string& base, const char* title) const;

  // decisions (or runs) per second by family ("Harness", "RawSwitch") and argument
  // ("goroutines:4"; "" for a benchmark without one).
  std::map<std::string, std::map<std::string, double>> rates_;
};

}  // namespace bench
