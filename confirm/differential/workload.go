// The JSON documents the differential test exchanges with poolcheck (cli/export_json.h):
// a case holds a workload and, optionally, what the C++ pool did with it ("cpp"); an
// outcome is what a run did, in the same form on both sides.
package main

const (
	workloadFormat = "poolcheck-workload/1"
	outcomeFormat  = "poolcheck-outcome/1"
	caseFormat     = "poolcheck-case/1"
)

type testCase struct {
	Format   string   `json:"format"`
	Workload workload `json:"workload"`
	Cpp      *outcome `json:"cpp,omitempty"`
}

type workload struct {
	Format       string     `json:"format"`
	Name         string     `json:"name"`
	Pool         poolConfig `json:"pool"`
	Driver       driverOpts `json:"driver"`
	Clients      []client   `json:"clients"`
	CloseDBAtEnd bool       `json:"close_db_at_end"`
}

type poolConfig struct {
	Version       string `json:"version"`
	MaxOpen       int    `json:"max_open"`
	MaxIdle       int    `json:"max_idle"`
	MaxLifetimeNs int64  `json:"max_lifetime_ns"`
	MaxIdleTimeNs int64  `json:"max_idle_time_ns"`
}

type driverOpts struct {
	SessionResetter     bool        `json:"session_resetter"`
	ConnectionValidator bool        `json:"connection_validator"`
	CallLatencyNs       int64       `json:"call_latency_ns"`
	LatencyJitterNs     int64       `json:"latency_jitter_ns"`
	InstantCalls        []string    `json:"instant_calls"`
	Guards              bool        `json:"guards"`
	ExecerReturnsSkip   bool        `json:"execer_returns_skip"`
	FaultRules          []faultRule `json:"fault_rules"`
	ChosenFaultCalls    []string    `json:"chosen_fault_calls"`
	ChosenFaultBudget   uint64      `json:"chosen_fault_budget"`
}

type faultRule struct {
	Calls   []string `json:"calls"`
	Conn    uint32   `json:"conn"`
	First   uint64   `json:"first"`
	Count   uint64   `json:"count"`
	Action  string   `json:"action"`
	DelayNs int64    `json:"delay_ns"`
}

type client struct {
	StartDelayNs int64 `json:"start_delay_ns"`
	Ops          []op  `json:"ops"`
}

type op struct {
	Kind          string `json:"kind"`
	Query         string `json:"query"`
	Rows          int    `json:"rows"`
	N             int    `json:"n"`
	Repeat        int    `json:"repeat"`
	Rollback      bool   `json:"rollback"`
	TimeoutNs     int64  `json:"timeout_ns"`
	CancelAfterNs int64  `json:"cancel_after_ns"`
	DurationNs    int64  `json:"duration_ns"`
	Inner         []op   `json:"inner"`
}

type outcome struct {
	Format           string       `json:"format"`
	Calls            []callRecord `json:"calls"`
	Ops              []opOutcome  `json:"ops"`
	StatsBeforeClose stats        `json:"stats_before_close"`
	Stats            stats        `json:"stats"`
	RunFailure       string       `json:"run_failure"`
}

type callRecord struct {
	Kind      string `json:"kind"`
	Conn      uint32 `json:"conn"`
	Object    uint64 `json:"object"`
	Detail    string `json:"detail"`
	Status    string `json:"status"`
	FaultRule int    `json:"fault_rule"`
	StartNs   int64  `json:"start_ns"`
	EndNs     int64  `json:"end_ns"`
}

type opOutcome struct {
	Client uint32 `json:"client"`
	Op     uint32 `json:"op"`
	Label  string `json:"label"`
	Error  string `json:"error"`
}

type stats struct {
	MaxOpen           int   `json:"max_open"`
	Open              int   `json:"open"`
	InUse             int   `json:"in_use"`
	Idle              int   `json:"idle"`
	WaitCount         int64 `json:"wait_count"`
	MaxIdleClosed     int64 `json:"max_idle_closed"`
	MaxIdleTimeClosed int64 `json:"max_idle_time_closed"`
	MaxLifetimeClosed int64 `json:"max_lifetime_closed"`
}
