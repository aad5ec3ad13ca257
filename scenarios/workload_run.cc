// The workload interpreter's goroutines: main (open the DB, attach checkers, apply the pool
// settings, start the clients, wait for them, close the DB) and one goroutine per client
// that runs its ops in order and records each in the ClientLog.
#include "scenarios/workload_run.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "sim/go.h"

namespace scenarios {
namespace {

// What main and the clients share. Held by shared_ptr so that no goroutine refers to
// another goroutine's stack (teardown unwinds goroutines in id order).
struct RunState {
  const Workload* workload = nullptr;
  WorkloadEnv env;
  std::shared_ptr<model::sql::DB> db;
  sim::WaitGroup clients_done;
};

void ApplyPoolSettings(model::sql::DB& db, const PoolConfig& pool) {
  db.SetMaxIdleConns(pool.max_idle);
  db.SetMaxOpenConns(pool.max_open);
  if (pool.max_lifetime > sim::Duration::Zero()) db.SetConnMaxLifetime(pool.max_lifetime);
  if (pool.max_idle_time > sim::Duration::Zero()) db.SetConnMaxIdleTime(pool.max_idle_time);
}

// One client goroutine: sleep start_delay, then each op under its own context, logged.
void RunClient(RunState& state, uint32_t client_index) {
  const Client& client = state.workload->clients[client_index];
  if (client.start_delay > sim::Duration::Zero()) sim::Sleep(client.start_delay);
  for (uint32_t i = 0; i < client.ops.size(); ++i) {
    const Op& op = client.ops[i];
    properties::ClientOp entry;
    entry.client = client_index;
    entry.op_index = i;
    entry.label = op.Show();
    entry.goroutine = sim::CurrentGoroutine();
    entry.started = sim::Now();
    const size_t logged = state.env.log->Start(std::move(entry));
    absl::Status status = RunDbOp(*state.db, sim::Context::Background(), op);
    state.env.log->Finish(logged, std::move(status), sim::Now());
  }
}

// Waits for every client, or until main_wait_limit if the workload sets one (a helper
// goroutine turns the WaitGroup into a channel main can select on with a timer).
void WaitForClients(const std::shared_ptr<RunState>& state) {
  const sim::Duration limit = state->workload->main_wait_limit;
  if (limit <= sim::Duration::Zero()) {
    state->clients_done.Wait();
    return;
  }
  auto all_done = sim::Chan<sim::Unit>::Make(1);
  sim::Go("wait clients", [state, all_done] {
    state->clients_done.Wait();
    all_done.Send(sim::Unit{});
  });
  sim::Select s;
  s.Recv(all_done);
  s.Recv(sim::After(limit));
  s.Wait();
}

void RunMain(const std::shared_ptr<RunState>& state) {
  const Workload& workload = *state->workload;
  model::sql::DBOptions options;
  options.version = workload.pool.version;
  options.resetter_capacity = workload.pool.resetter_capacity;
  options.mutation = workload.pool.mutation;
  state->db = model::sql::OpenDB(state->env.driver->NewConnector(), std::move(options));
  if (state->env.on_open) state->env.on_open(state->db);
  ApplyPoolSettings(*state->db, workload.pool);

  const uint32_t clients = static_cast<uint32_t>(workload.clients.size());
  state->clients_done.Add(static_cast<int>(clients));
  for (uint32_t c = 0; c < clients; ++c) {
    sim::Go(absl::StrCat("client ", c), [state, c] {
      RunClient(*state, c);
      state->clients_done.Done();
    });
  }
  WaitForClients(state);
  if (workload.close_db_at_end) (void)state->db->Close();
}

}  // namespace

std::function<void()> WorkloadMain(const Workload& workload, WorkloadEnv env) {
  return [workload_ptr = &workload, env = std::move(env)] {
    auto state = std::make_shared<RunState>();
    state->workload = workload_ptr;
    state->env = env;
    RunMain(state);
  };
}

}  // namespace scenarios
