// A console reporter that also prints, after all benchmarks, the harness's scheduling rate
// as a fraction of the raw switch loop's for each goroutine count (target: >= 25%).
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
  // decisions per second by family ("Harness", "RawSwitch") and argument ("goroutines:4").
  std::map<std::string, std::map<std::string, double>> rates_;
};

}  // namespace bench
