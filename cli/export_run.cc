// The clients-in-turn run of a workload on the C++ pool; see export_run.h.
#include "cli/export_run.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "model/fakedb/fake_driver.h"
#include "model/sql/db.h"
#include "scenarios/workload_run.h"
#include "sim/go.h"
#include "sim/run.h"
#include "sim/strategy_registry.h"

namespace cli {
namespace {

// The step budget of one run: generated workloads take a few thousand steps.
constexpr uint64_t kMaxSteps = 1'000'000;

// What main and the client goroutines share (by shared_ptr: no goroutine refers to
// another's stack, as teardown unwinds them in id order).
struct TurnState {
  const scenarios::Workload* workload = nullptr;
  std::shared_ptr<model::fakedb::FakeDriver> driver;
  std::shared_ptr<model::sql::DB> db;
  RunOutcome outcome;
};

// Go: the Go program's applyPoolSettings, in the same order as the interpreter's.
void ApplyPoolSettings(model::sql::DB& db, const scenarios::PoolConfig& pool) {
  db.SetMaxIdleConns(pool.max_idle);
  db.SetMaxOpenConns(pool.max_open);
  if (pool.max_lifetime > sim::Duration::Zero()) db.SetConnMaxLifetime(pool.max_lifetime);
  if (pool.max_idle_time > sim::Duration::Zero()) db.SetConnMaxIdleTime(pool.max_idle_time);
}

void RunClient(TurnState& state, uint32_t index) {
  const scenarios::Client& client = state.workload->clients[index];
  if (client.start_delay > sim::Duration::Zero()) sim::Sleep(client.start_delay);
  for (uint32_t i = 0; i < client.ops.size(); ++i) {
    const absl::Status status =
        scenarios::RunDbOp(*state.db, sim::Context::Background(), client.ops[i]);
    state.outcome.ops.push_back(OpOutcome{.client = index, .op = i,
                                          .label = client.ops[i].Show(),
                                          .error = status.ok() ? "" : std::string(status.message())});
  }
}

void RunMain(const std::shared_ptr<TurnState>& state) {
  const scenarios::Workload& workload = *state->workload;
  model::sql::DBOptions options;
  options.version = workload.pool.version;
  options.resetter_capacity = workload.pool.resetter_capacity;
  options.mutation = workload.pool.mutation;
  state->db = model::sql::OpenDB(state->driver->NewConnector(), std::move(options));
  ApplyPoolSettings(*state->db, workload.pool);
  for (uint32_t c = 0; c < workload.clients.size(); ++c) {
    auto done = std::make_shared<sim::WaitGroup>();
    done->Add(1);
    sim::Go(absl::StrCat("client ", c), [state, c, done] {
      RunClient(*state, c);
      done->Done();
    });
    done->Wait();
  }
  state->outcome.stats_before_close = state->db->Stats();
  if (workload.close_db_at_end) (void)state->db->Close();
  state->outcome.stats = state->db->Stats();
}

}  // namespace

absl::StatusOr<RunOutcome> RunClientsInTurn(const scenarios::Workload& workload, uint64_t seed) {
  absl::Status valid = scenarios::ValidateWorkload(workload);
  if (!valid.ok()) return valid;
  auto state = std::make_shared<TurnState>();
  state->workload = &workload;
  state->driver = model::fakedb::FakeDriver::Create(workload.driver);
  absl::StatusOr<std::unique_ptr<sim::Strategy>> strategy = sim::MakeStrategy("random");
  if (!strategy.ok()) return strategy.status();
  sim::RunOptions options;
  options.max_steps = kMaxSteps;
  const sim::RunResult result =
      sim::RunProgram(**strategy, seed, options, [state] { RunMain(state); });
  RunOutcome outcome = std::move(state->outcome);
  outcome.calls = state->driver->log().entries();
  if (result.failed()) outcome.run_failure = result.message;
  return outcome;
}

}  // namespace cli
