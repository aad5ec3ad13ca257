// Ctrl-C (SIGINT) and SIGTERM during `poolcheck explore`: the first one asks the
// exploration to stop starting runs (ExploreOptions::stop), so it can still print its
// summary and write its JUnit, JSON and failure files for the runs done; a second one
// ends the process at once with the default action. Forked explore workers inherit the
// handlers and stop too.
#pragma once

#include <atomic>

namespace cli {

class StopOnSignals {
 public:
  StopOnSignals();   // installs the handlers
  ~StopOnSignals();  // restores the previous ones
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

  // Nonzero (the signal number) once a signal asked to stop.
  const std::atomic<int>* flag() const;
  int signal() const { return flag()->load(); }
};

}  // namespace cli
