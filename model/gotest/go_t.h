// The `t` of a ported Go test: what a test body, running inside one simulated run, uses
// to fail. Go's t.Fatal and t.Error both become a failure of the run through sim::Fail
// (id "gotest"), so every failed check stops the run at once and RunGoTest reports it with
// the version, strategy and seed that reproduce it. Header-only, like everything in
// model/gotest/ that is not a test: model/'s library globs every other .cc file.
#pragma once

#include <cstdlib>
#include <source_location>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "model/sql/errors.h"
#include "model/sql/options.h"
#include "sim/goroutine.h"

namespace model::gotest {

// The check id every GoT failure carries (RunResult::failure.check).
inline constexpr absl::string_view kGoTestFailure = "gotest";
// The check id of a run that ends with goroutines still alive (see RunGoTest).
inline constexpr absl::string_view kLeakFailure = "gotest-leak";

class GoT {
 public:
  explicit GoT(sql::PoolVersion version, sql::Mutation mutation = sql::Mutation::kNone)
      : version_(version), mutation_(mutation) {}

  // The pool version this run exercises.
  sql::PoolVersion version() const { return version_; }
  // What that version does where the modelled Go commits differ: a ported test whose Go
  // expectations differ between them branches on these, never on the version itself.
  const sql::PoolFeatures& features() const { return sql::FeaturesOf(version_); }
  // The broken pool variant this run's DBs use (only the mutants build honours it).
  sql::Mutation mutation() const { return mutation_; }

  // Go's t.Fatal: fails the run. Must be called from a goroutine of the run.
  [[noreturn]] void Fatal(std::string message,
                          std::source_location loc = std::source_location::current()) const {
    sim::Fail(std::string(kGoTestFailure), std::move(message), loc);
    std::abort();  // not reached: sim::Fail does not return inside a goroutine
  }

  // Fails the run with `what` unless `ok`.
  void Check(bool ok, absl::string_view what,
             std::source_location loc = std::source_location::current()) const {
    if (!ok) Fatal(std::string(what), loc);
  }

  // Fails the run unless `s` is OK: "<what>: <status>".
  void NoError(const absl::Status& s, absl::string_view what,
               std::source_location loc = std::source_location::current()) const {
    if (!s.ok()) Fatal(absl::StrCat(what, ": ", s.ToString()), loc);
  }

  // The value of `v`, or a failed run: "<what>: <status>".
  template <typename T>
  T Must(absl::StatusOr<T> v, absl::string_view what,
         std::source_location loc = std::source_location::current()) const {
    if (!v.ok()) Fatal(absl::StrCat(what, ": ", v.status().ToString()), loc);
    return *std::move(v);
  }

  // Fails the run unless got == want: "<what> = <got>; want <want>". T and U must be
  // printable with absl::StrCat (numbers and strings).
  template <typename T, typename U>
  void Equal(const T& got, const U& want, absl::string_view what,
             std::source_location loc = std::source_location::current()) const {
    if (!(got == want)) Fatal(absl::StrCat(what, " = ", got, "; want ", want), loc);
  }

  // Fails the run unless `got` is the error `want` (same code and message, Go's ==).
  void ErrorIs(const absl::Status& got, const absl::Status& want, absl::string_view what,
               std::source_location loc = std::source_location::current()) const {
    if (!sql::IsError(got, want)) {
      Fatal(absl::StrCat(what, " = ", got.ToString(), "; want ", want.ToString()), loc);
    }
  }

 private:
  sql::PoolVersion version_;
  sql::Mutation mutation_;
};

}  // namespace model::gotest
