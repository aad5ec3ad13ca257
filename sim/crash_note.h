// What a process prints when a run kills it. A pool bug that writes through a null or
// freed pointer kills whoever makes the run with a signal; explore isolates its runs in
// workers (explore/explore_workers.cc) and replay, trace and shrink in children, but a
// test binary (the property tests, the ported Go tests) makes runs in its own process.
// There, the caller names the run before making it (its token and the command that
// reruns it); if a fatal signal arrives while the note is set, a handler writes it to
// stderr, then lets the signal take the process as it would have. So the crash loses
// nothing: the run is named and can be rerun.
#pragma once

#include <string_view>

namespace sim {

// Sets the note for the run about to be made (replacing any earlier one) and installs the
// handler for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT on first use, on an alternate
// stack (a fiber's overflow must still print). A note longer than 8 KiB is cut.
void SetCrashNote(std::string_view note);
// No run in progress: a signal now prints nothing.
void ClearCrashNote();
// For a child whose parent reports its death itself (explore's workers, isolated
// replays): notes set from now on in this process print nothing.
void DisableCrashNotes();

// Sets the note for as long as it lives.
class ScopedCrashNote {
 public:
  explicit ScopedCrashNote(std::string_view note) { SetCrashNote(note); }
  ~ScopedCrashNote() { ClearCrashNote(); }
  ScopedCrashNote(const ScopedCrashNote&) = delete;
  ScopedCrashNote& operator=(const ScopedCrashNote&) = delete;
};

}  // namespace sim
