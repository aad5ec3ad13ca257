// Fiber stacks and the start of a fiber (see sim/internal/fiber.h; the switches themselves
// are inline there, so that no call frame sits between a switch and the code it resumes).
#include "sim/internal/fiber.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#ifdef POOLCHECK_ASAN
#include <sanitizer/lsan_interface.h>
#endif

namespace sim::internal {

namespace fc = boost::context::detail;

namespace {

#ifdef POOLCHECK_ASAN
constexpr size_t kDefaultStackBytes = 512 * 1024;
#else
constexpr size_t kDefaultStackBytes = 128 * 1024;
#endif

size_t PageBytes() {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return page;
}

thread_local size_t tls_stack_bytes = kDefaultStackBytes;
thread_local std::unique_ptr<StackPool> tls_pool;

}  // namespace

StackPool::~StackPool() {
  const size_t page = PageBytes();
  for (const FiberStack& s : all_) munmap(s.base - page, s.size + page);
}

FiberStack StackPool::Acquire() {
  if (!free_.empty()) {
    FiberStack s = free_.back();
    free_.pop_back();
    return s;
  }
  const size_t page = PageBytes();
  const size_t total = stack_bytes_ + page;
  void* mem = mmap(nullptr, total, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) {
    // Out of memory is not a crash of the run (no abort, which explore would report as
    // one): one line, and the internal-error exit code (cli/command.h kExitInternal).
    std::fprintf(stderr, "poolcheck: out of memory for a fiber stack of %zu bytes (%s)\n",
                 total, std::strerror(errno));
    std::fflush(stderr);
    std::_Exit(3);
  }
  if (mprotect(mem, page, PROT_NONE) != 0) {
    std::perror("poolcheck: mprotect of a fiber guard page failed");
    std::abort();
  }
  FiberStack s{static_cast<char*>(mem) + page, stack_bytes_};
  all_.push_back(s);
  return s;
}

void StackPool::Abandon(FiberStack stack) {
  std::erase_if(all_, [&](const FiberStack& s) { return s.base == stack.base; });
#ifdef POOLCHECK_ASAN
  __lsan_register_root_region(stack.base, stack.size);
#endif
}

size_t FiberStackBytes() { return tls_stack_bytes; }

void SetFiberStackBytes(size_t bytes) {
  const size_t page = PageBytes();
  tls_stack_bytes = (bytes + page - 1) / page * page;
}

StackPool& ThreadStackPool() {
  if (!tls_pool || tls_pool->stack_bytes() != tls_stack_bytes) {
    tls_pool = std::make_unique<StackPool>(tls_stack_bytes);
  }
  return *tls_pool;
}

void MakeFiber(FiberContext& fiber, const FiberStack& stack, void (*entry)(fc::transfer_t)) {
  fiber.fctx = fc::make_fcontext(stack.base + stack.size, stack.size, entry);
  fiber.stack_bottom = stack.base;
  fiber.stack_size = stack.size;
  fiber.fake_stack = nullptr;
}

void FiberStarted(FiberContext& scheduler, FiberContext& fiber, fc::transfer_t from) {
  scheduler.fctx = from.fctx;
#ifdef POOLCHECK_ASAN
  __sanitizer_finish_switch_fiber(nullptr, &scheduler.stack_bottom, &scheduler.stack_size);
#endif
  (void)fiber;
}

}  // namespace sim::internal
