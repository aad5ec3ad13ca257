// SIGINT/SIGTERM handling for explore: see stop_signals.h.
#include "cli/stop_signals.h"

#include <signal.h>

namespace cli {
namespace {

std::atomic<int> g_stop{0};
static_assert(std::atomic<int>::is_always_lock_free, "written from a signal handler");

struct sigaction g_previous_int, g_previous_term;

void OnStopSignal(int sig) {
  if (g_stop.load() != 0) {  // the second signal: stop now
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  g_stop.store(sig);
}

}  // namespace

StopOnSignals::StopOnSignals() {
  g_stop.store(0);
  struct sigaction action = {};
  action.sa_handler = &OnStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking poll() returns to check the flag
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

StopOnSignals::~StopOnSignals() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

const std::atomic<int>* StopOnSignals::flag() const { return &g_stop; }

}  // namespace cli
