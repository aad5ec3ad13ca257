// Dependency reference counting (Go: addDep, removeDep): a conn is finally closed only
// after every statement prepared on it, and a Stmt only after every Rows and Tx statement
// made from it, have let go.
#include "absl/strings/str_cat.h"
#include "model/sql/db.h"

namespace model::sql {

// Go: (*DB).addDep. x's finalClose waits until dep is removed.
void DB::addDep(const std::shared_ptr<finalCloser>& x, DepId depKey) {
  sim::LockGuard guard(mu);
  addDepLocked(x, depKey);
}

// Go: (*DB).addDepLocked
void DB::addDepLocked(const std::shared_ptr<finalCloser>& x, DepId depKey) {
  dep[x->depId()][depKey] = true;
}

// Go: (*DB).removeDep. Returns finalClose's error if this was x's last dependency.
absl::Status DB::removeDep(const std::shared_ptr<finalCloser>& x, DepId depKey) {
  std::function<absl::Status()> fn;
  {
    sim::LockGuard guard(mu);
    fn = removeDepLocked(x, depKey);
  }
  return fn();
}

// Go: (*DB).removeDepLocked. An unpaired removal is a Go panic.
std::function<absl::Status()> DB::removeDepLocked(const std::shared_ptr<finalCloser>& x,
                                                  DepId depKey) {
  auto found = dep.find(x->depId());
  if (found == dep.end()) {
    sim::Panic(absl::StrCat("unpaired removeDep: no deps for object ", x->depId()));
  }
  DepSet& xdep = found->second;
  if (xdep.erase(depKey) == 0) {
    sim::Panic(absl::StrCat("unpaired removeDep: no dep ", depKey, " on object ", x->depId()));
  }
  if (!xdep.empty()) {
    return [] { return absl::OkStatus(); };
  }
  dep.erase(found);
  return [x] { return x->finalClose(); };
}

}  // namespace model::sql
