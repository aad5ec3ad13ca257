// A case of the generic RapidCheck property: a workload from the one workload generator
// (scenarios/workload_gen.h, the one `poolcheck fuzz` runs) and a schedule (strategy +
// seed), drawn in one RapidCheck generator so that shrinking reduces the workload and the
// interleaving together. The generator takes its draws from RcDrawSource: each draw is a
// RapidCheck pick, which shrinks towards 0, the first (simplest, most common) row of the
// generator's table. Header-only (the library does not link RapidCheck).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "rapidcheck.h"
#include "scenarios/workload.h"
#include "scenarios/workload_gen.h"

namespace properties::testing {

// The interleaving: a strategy and the seed of its run.
struct Schedule {
  int strategy = 0;  // index into scenarios::ScheduleStrategies()
  uint32_t seed = 0;
};

struct PropertyCase {
  scenarios::Workload workload;
  Schedule schedule;
};

// The counterexample as a short program: the workload, then the schedule.
inline void showValue(const PropertyCase& c, std::ostream& os) {
  os << c.workload.Show() << "\nschedule: "
     << scenarios::ScheduleStrategies()[static_cast<size_t>(c.schedule.strategy)] << " seed "
     << c.schedule.seed;
}

// The generator's draws as RapidCheck picks; only usable inside a RapidCheck generator
// (rc::gen::exec) or property. Picks are made at RapidCheck's nominal size, so a case is
// drawn from the same distribution as `poolcheck fuzz`'s, whatever size RapidCheck is at.
class RcDrawSource final : public scenarios::DrawSource {
 public:
  uint64_t Uniform(uint64_t bound) override {
    return *rc::gen::resize(rc::kNominalSize, rc::gen::inRange<uint64_t>(0, bound));
  }
  // Shrinks towards false.
  bool Percent(int percent) override {
    return *rc::gen::weightedElement<bool>(
        {{static_cast<size_t>(100 - percent), false}, {static_cast<size_t>(percent), true}});
  }
};

namespace gen {

// A case on `version`: the generator's workload (`options`, versions replaced by
// `version`), then a schedule.
inline rc::Gen<PropertyCase> Case(model::sql::PoolVersion version,
                                  scenarios::GenOptions options) {
  options.versions = {version};
  return rc::gen::exec([options] {
    RcDrawSource source;
    PropertyCase c;
    c.workload = scenarios::Generate(source, options);
    const int strategies = static_cast<int>(scenarios::ScheduleStrategies().size());
    c.schedule.strategy = *rc::gen::inRange<int>(0, strategies);
    c.schedule.seed = *rc::gen::arbitrary<uint32_t>();
    return c;
  });
}

}  // namespace gen
}  // namespace properties::testing
