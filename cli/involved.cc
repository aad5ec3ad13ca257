// Choosing the goroutines a failure involves: see involved.h.
#include "cli/involved.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "cli/render/event_text.h"

namespace cli {
namespace {

using Kind = sim::TraceEvent::Kind;

// The object kinds whose numbers a message and the pool and driver events share.
constexpr absl::string_view kObjectWords[] = {"conn", "stmt", "tx", "rows"};

void AddUnique(std::vector<uint32_t>& ids, uint32_t id, size_t max) {
  if (ids.size() >= max || std::find(ids.begin(), ids.end(), id) != ids.end()) return;
  ids.push_back(id);
}

// The goroutine that raised the failure (reported "running" when the run stopped).
std::optional<uint32_t> RaisingGoroutine(const sim::RunResult& result) {
  for (const sim::GoroutineReport& g : result.goroutines) {
    if (g.state == sim::GoroutineState::kRunning) return g.id;
  }
  return std::nullopt;
}

using ObjectSet = std::set<std::pair<absl::string_view, uint64_t>>;

ObjectSet ObjectsIn(absl::string_view text) {
  ObjectSet objects;
  for (absl::string_view word : kObjectWords) {
    for (uint64_t n : NumbersAfter(text, word, false)) objects.insert({word, n});
  }
  return objects;
}

// Goroutines whose annotations name an object the message names, most recent first.
void AddObjectUsers(const sim::RunResult& result, std::vector<uint32_t>& ids, size_t max) {
  const ObjectSet named = ObjectsIn(result.message);
  if (named.empty()) return;
  for (auto it = result.trace.events.rbegin(); it != result.trace.events.rend(); ++it) {
    if (it->kind != Kind::kAnnotation) continue;
    for (const auto& object : ObjectsIn(it->text)) {
      if (named.count(object) != 0) {
        AddUnique(ids, it->goroutine, max);
        break;
      }
    }
  }
}

// Goroutines that woke `g`, or that `g` woke.
void AddWakePartners(const sim::Trace& trace, uint32_t g, std::vector<uint32_t>& ids,
                     size_t max) {
  for (auto it = trace.events.rbegin(); it != trace.events.rend(); ++it) {
    const std::optional<uint32_t> waker = WakerOf(*it);
    if (!waker) continue;
    if (it->goroutine == g) AddUnique(ids, *waker, max);
    if (*waker == g) AddUnique(ids, it->goroutine, max);
  }
}

void AddBlocked(const sim::RunResult& result, std::vector<uint32_t>& ids, size_t max) {
  for (const sim::GoroutineReport& g : result.goroutines) {
    if (g.state == sim::GoroutineState::kBlocked) AddUnique(ids, g.id, max);
  }
}

void AddRecentActors(const sim::RunResult& result, std::vector<uint32_t>& ids, size_t max) {
  for (auto it = result.trace.events.rbegin(); it != result.trace.events.rend(); ++it) {
    if (ActorIsEventGoroutine(*it) && it->kind != Kind::kFailure) {
      AddUnique(ids, it->goroutine, max);
    }
  }
}

}  // namespace

std::vector<uint64_t> NumbersAfter(absl::string_view text, absl::string_view word, bool glued) {
  std::vector<uint64_t> numbers;
  for (size_t at = text.find(word); at != absl::string_view::npos; at = text.find(word, at + 1)) {
    if (at > 0 && absl::ascii_isalnum(static_cast<unsigned char>(text[at - 1]))) continue;
    size_t start = at + word.size();
    if (start < text.size() && (text[start] == ' ' || text[start] == '#')) {
      ++start;
    } else if (!glued) {
      continue;
    }
    size_t end = start;
    while (end < text.size() && absl::ascii_isdigit(static_cast<unsigned char>(text[end]))) ++end;
    uint64_t n = 0;
    if (end > start && absl::SimpleAtoi(text.substr(start, end - start), &n)) numbers.push_back(n);
  }
  return numbers;
}

std::vector<uint32_t> InvolvedGoroutines(const sim::RunResult& result, size_t max) {
  std::vector<uint32_t> ids;
  const std::optional<uint32_t> raiser = RaisingGoroutine(result);
  if (raiser) AddUnique(ids, *raiser, max);
  for (uint64_t id : NumbersAfter(result.message, "goroutine", false)) {
    AddUnique(ids, static_cast<uint32_t>(id), max);
  }
  for (uint64_t id : NumbersAfter(result.message, "g", true)) {
    AddUnique(ids, static_cast<uint32_t>(id), max);
  }
  AddObjectUsers(result, ids, max);
  if (raiser) AddWakePartners(result.trace, *raiser, ids, max);
  const bool stuck = result.failure.kind == sim::FailureKind::kDeadlock ||
                     result.failure.kind == sim::FailureKind::kBudget;
  if (stuck) AddBlocked(result, ids, max);
  AddRecentActors(result, ids, max);
  AddBlocked(result, ids, max);
  return ids;
}

}  // namespace cli
