// The crash note and its signal handler; see crash_note.h. The handler only reads a
// fixed buffer and calls async-signal-safe functions (write, sigaction, raise).
#include "sim/crash_note.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>

namespace sim {
namespace {

constexpr size_t kMaxNote = 8192;
constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

char note_text[kMaxNote];
std::atomic<size_t> note_size{0};  // 0: no run in progress
std::atomic<bool> installed{false};
std::atomic<bool> disabled{false};
alignas(16) char alternate_stack[64 * 1024];

void WriteAll(const char* p, size_t n) {
  while (n > 0) {
    const ssize_t w = write(STDERR_FILENO, p, n);
    if (w <= 0) return;
    p += w;
    n -= static_cast<size_t>(w);
  }
}

void OnFatalSignal(int signal) {
  const size_t n = note_size.exchange(0);
  if (n > 0) {
    static const char kHead[] = "\npoolcheck: this run crashed the process (fatal signal); ";
    WriteAll(kHead, sizeof kHead - 1);
    WriteAll(note_text, n);
    WriteAll("\n", 1);
  }
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  sigaction(signal, &fallback, nullptr);
  raise(signal);
}

void Install() {
  if (installed.exchange(true)) return;
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_handler = &OnFatalSignal;
  action.sa_flags = SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  for (int signal : kFatalSignals) sigaction(signal, &action, nullptr);
}

}  // namespace

void SetCrashNote(std::string_view note) {
  if (disabled.load()) return;
  Install();
  note_size.store(0);
  const size_t n = std::min(note.size(), kMaxNote);
  std::memcpy(note_text, note.data(), n);
  note_size.store(n);
}

void ClearCrashNote() { note_size.store(0); }

void DisableCrashNotes() {
  disabled.store(true);
  note_size.store(0);
}

}  // namespace sim
