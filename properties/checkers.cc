// MakeCheckers: the one table from invariant id to checker.
#include "properties/checkers.h"

#include <utility>

#include "properties/i10_completion.h"
#include "properties/i11_tx_protocol.h"
#include "properties/i12_affinity.h"
#include "properties/i1_accounting.h"
#include "properties/i2_limit.h"
#include "properties/i3_wakeup.h"
#include "properties/i4_leak.h"
#include "properties/i5_no_reset_after_bad.h"
#include "properties/i6_no_loss.h"
#include "properties/i7_exclusive_use.h"
#include "properties/i8_use_after_close.h"
#include "properties/i9_free_list.h"

namespace properties {

namespace {

using Factory = std::unique_ptr<Invariant> (*)(const KnownBugAllowances&);

template <typename Checker>
std::unique_ptr<Invariant> Make(const KnownBugAllowances&) {
  return std::make_unique<Checker>();
}

template <typename Checker>
std::unique_ptr<Invariant> MakeWithAllowances(const KnownBugAllowances& allow) {
  return std::make_unique<Checker>(allow);
}

struct Row {
  InvariantId id;
  Factory make;
};

constexpr Row kCheckers[] = {
    {InvariantId::kI1, &Make<I1Accounting>},     {InvariantId::kI2, &Make<I2Limit>},
    {InvariantId::kI3, &MakeWithAllowances<I3Wakeup>},         {InvariantId::kI4, &MakeWithAllowances<I4Leak>},
    {InvariantId::kI5, &MakeWithAllowances<I5NoResetAfterBad>}, {InvariantId::kI6, &MakeWithAllowances<I6NoLoss>},
    {InvariantId::kI7, &Make<I7ExclusiveUse>},   {InvariantId::kI8, &MakeWithAllowances<I8UseAfterClose>},
    {InvariantId::kI9, &Make<I9FreeList>},       {InvariantId::kI10, &Make<I10Completion>},
    {InvariantId::kI11, &MakeWithAllowances<I11TxProtocol>},
    {InvariantId::kI12, &MakeWithAllowances<I12Affinity>},
};
static_assert(std::size(kCheckers) == kInvariantCount, "one checker per invariant");

}  // namespace

std::vector<std::unique_ptr<Invariant>> MakeCheckers(InvariantSet enabled,
                                                     KnownBugAllowances allow) {
  std::vector<std::unique_ptr<Invariant>> out;
  for (const Row& row : kCheckers) {
    if (enabled.Contains(row.id)) out.push_back(row.make(allow));
  }
  return out;
}

}  // namespace properties
