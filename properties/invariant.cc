// Names of the invariants, the lazy pool view of an Observation, and the one failure path
// of every checker.
#include "properties/invariant.h"

#include <array>

#include "absl/strings/ascii.h"
#include "model/sql/db.h"
#include "sim/check.h"
#include "sim/goroutine.h"
#include "sim/observe.h"

namespace properties {

namespace {

constexpr std::array<std::string_view, kInvariantCount> kNames = {
    "I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9", "I10", "I11", "I12"};

}  // namespace

std::string_view InvariantName(InvariantId id) {
  const size_t index = static_cast<size_t>(id);
  POOLCHECK_CHECK(index >= 1, "an InvariantId below I1");
  POOLCHECK_CHECK(index <= kNames.size(), "an InvariantId above I12");
  return kNames[index - 1];
}

std::optional<InvariantId> ParseInvariantId(std::string_view text) {
  std::string upper(text);
  absl::AsciiStrToUpper(&upper);
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (upper == kNames[i]) return static_cast<InvariantId>(i + 1);
  }
  return std::nullopt;
}

const model::sql::PoolView& Observation::pool() const {
  POOLCHECK_CHECK(db_ != nullptr, "a checker read the pool before Monitor::Attach");
  if (!view_.has_value()) {
    sim::ObserverScope watching;  // the checker's reads order no steps (sim/observe.h)
    view_ = db_->Inspect();
  }
  return *view_;
}

const model::sql::PoolState& Observation::state() const {
  if (view_.has_value() || full_scan_) return pool();
  POOLCHECK_CHECK(db_ != nullptr, "a checker read the pool before Monitor::Attach");
  POOLCHECK_CHECK(state_buffer_ != nullptr, "an Observation of a pool without a state buffer");
  if (!state_taken_) {
    sim::ObserverScope watching;  // as in pool(): len(openerCh) orders no steps
    db_->InspectStateInto(state_buffer_);
    state_taken_ = true;
  }
  return *state_buffer_;
}

void Observation::HeldBy(sim::GoroutineId g, std::vector<model::sql::ConnView>* out) const {
  POOLCHECK_CHECK(db_ != nullptr, "a checker read the pool before Monitor::Attach");
  if (!full_scan_) {
    db_->InspectHeldBy(g, out);
    return;
  }
  out->clear();
  for (const model::sql::ConnView& c : pool().conns) {
    if (c.held && c.held_by == g) out->push_back(c);
  }
}

void Invariant::Fail(std::string message) const {
  failed_ = true;
  sim::Fail(std::string(InvariantName(id())), std::move(message));
}

}  // namespace properties
